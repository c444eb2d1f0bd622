{#-
    One bound of the normal-approximation interval for a mean: mean -/+ z * stddev / sqrt(n), in
    double, at normal quantile z (1.96 for 95%). Null when fewer than two values make the mean
    (a single value has no spread to estimate).
-#}
{% macro normal_interval(mean, stddev, value_count, bound='lower', z=1.96) -%}
    {%- if bound not in ['lower', 'upper'] -%}
        {{ exceptions.raise_compiler_error(
            "normal_interval: bound = '" ~ bound ~ "' is not allowed: write bound='lower' or bound='upper'.") }}
    {%- endif -%}
    {%- if z is boolean or z is not number or z <= 0 -%}
        {{ exceptions.raise_compiler_error(
            "normal_interval: z = " ~ z ~ " is not allowed: write a normal quantile > 0 (1.96 for a 95% interval).") }}
    {%- endif -%}
    {%- set double = type_double() -%}
    case
        when {{ value_count }} >= 2
            then cast({{ mean }} as {{ double }}) {{ '-' if bound == 'lower' else '+' }} cast({{ z }} as {{ double }})
            * {{ stddev }} / sqrt(cast({{ value_count }} as {{ double }}))
    end
{%- endmacro %}
