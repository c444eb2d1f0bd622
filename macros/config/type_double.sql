{#-
    An 8-byte floating point type for weights, credits and rates. dbt.type_float() is 'float',
    which is 4 bytes on DuckDB and Spark: too coarse for weights that must sum to 1 within 1e-9.
-#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('partner_attribution_type_double', 'partner_attribution')()) }}
{%- endmacro %}

{% macro default__partner_attribution_type_double() -%}
    double precision
{%- endmacro %}

{% macro spark__partner_attribution_type_double() -%}
    double
{%- endmacro %}
