{#-
    The rank (1-based, in ascending order) of the order statistic that bounds a distribution-free
    confidence interval for a median of n values, at normal quantile z (1.96 for 95%):
        lower rank = floor(n/2 - z * sqrt(n) / 2)
        upper rank = ceil(1 + n/2 + z * sqrt(n) / 2)
    each clamped to [1, n]. Rounding down the lower rank and up the upper one widens the
    interval, so it covers at least about 95%. Computed in double (no integer division on
    PostgreSQL) and returned as an integer; null when n is 0 or null.
-#}
{% macro median_interval_rank(value_count, bound='lower', z=1.96) -%}
    {%- if bound not in ['lower', 'upper'] -%}
        {{ exceptions.raise_compiler_error(
            "median_interval_rank: bound = '" ~ bound ~ "' is not allowed: write bound='lower' or bound='upper'.") }}
    {%- endif -%}
    {%- if z is boolean or z is not number or z <= 0 -%}
        {{ exceptions.raise_compiler_error(
            "median_interval_rank: z = " ~ z ~ " is not allowed: write a normal quantile > 0 "
            ~ "(1.96 for a 95% interval).") }}
    {%- endif -%}
    {%- if value_count is not string or value_count | trim == '' -%}
        {{ exceptions.raise_compiler_error(
            "median_interval_rank: value_count = " ~ value_count ~ " is not allowed: write a SQL expression "
            ~ "as text, e.g. 'cycle_count'.") }}
    {%- endif -%}

    {%- set double = type_double() -%}
    {%- set n = 'cast(' ~ value_count ~ ' as ' ~ double ~ ')' -%}
    {%- set spread = 'cast(' ~ z ~ ' as ' ~ double ~ ') * sqrt(' ~ n ~ ') / 2' -%}
    {%- if bound == 'lower' -%}
        {%- set rank = 'floor(' ~ n ~ ' / 2 - ' ~ spread ~ ')' -%}
    {%- else -%}
        {%- set rank = 'ceil(1 + ' ~ n ~ ' / 2 + ' ~ spread ~ ')' -%}
    {%- endif -%}
    case
        when {{ value_count }} > 0
            then cast(greatest(1, least({{ n }}, {{ rank }})) as {{ dbt.type_int() }})
    end
{%- endmacro %}
