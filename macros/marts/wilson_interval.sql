{#-
    One bound of the Wilson score interval for a proportion: `successes` out of `trials`, at
    normal quantile z (1.96 for 95%). With p = s / n:
        centre     = (p + z^2 / (2n)) / (1 + z^2 / n)
        half width = z / (1 + z^2 / n) * sqrt(p (1 - p) / n + z^2 / (4n^2))
    and the bound is centre - or + half width. Everything is computed in double, so integer
    counts never divide as integers (PostgreSQL) and decimals never lose scale (Spark). At the
    edges the exact value is used: the lower bound of 0 successes is 0 and the upper bound of
    n successes out of n is 1, so rounding cannot put a bound on the wrong side of the rate.
    Null when trials is 0 or null.
-#}
{% macro wilson_interval(successes, trials, bound='lower', z=1.96) -%}
    {%- if bound not in ['lower', 'upper'] -%}
        {{ exceptions.raise_compiler_error(
            "wilson_interval: bound = '" ~ bound ~ "' is not allowed: write bound='lower' or bound='upper'.") }}
    {%- endif -%}
    {%- if z is boolean or z is not number or z <= 0 -%}
        {{ exceptions.raise_compiler_error(
            "wilson_interval: z = " ~ z ~ " is not allowed: write a normal quantile > 0 (1.96 for a 95% interval).") }}
    {%- endif -%}
    {%- for argument, value in [('successes', successes), ('trials', trials)] -%}
        {%- if value is not string or value | trim == '' -%}
            {{ exceptions.raise_compiler_error(
                "wilson_interval: " ~ argument ~ " = " ~ value ~ " is not allowed: write a SQL expression "
                ~ "as text, e.g. '" ~ argument ~ "' or 'won_opportunities'.") }}
        {%- endif -%}
    {%- endfor -%}

    {%- set double = type_double() -%}
    {%- set n = 'cast(' ~ trials ~ ' as ' ~ double ~ ')' -%}
    {%- set p = '(cast(' ~ successes ~ ' as ' ~ double ~ ') / ' ~ n ~ ')' -%}
    {%- set z_double = 'cast(' ~ z ~ ' as ' ~ double ~ ')' -%}
    {%- set z_squared = '(' ~ z_double ~ ' * ' ~ z_double ~ ')' -%}
    {%- set shrink = '(1 + ' ~ z_squared ~ ' / ' ~ n ~ ')' -%}
    {%- set centre = '(' ~ p ~ ' + ' ~ z_squared ~ ' / (2 * ' ~ n ~ ')) / ' ~ shrink -%}
    {%- set half_width = z_double ~ ' / ' ~ shrink ~ ' * sqrt(' ~ p ~ ' * (1 - ' ~ p ~ ') / ' ~ n
        ~ ' + ' ~ z_squared ~ ' / (4 * ' ~ n ~ ' * ' ~ n ~ '))' -%}
    case
        when {{ trials }} is null or {{ trials }} <= 0 then cast(null as {{ double }})
        {%- if bound == 'lower' %}
        when {{ successes }} <= 0 then cast(0 as {{ double }})
        else {{ centre }} - {{ half_width }}
        {%- else %}
        when {{ successes }} >= {{ trials }} then cast(1 as {{ double }})
        else {{ centre }} + {{ half_width }}
        {%- endif %}
    end
{%- endmacro %}
