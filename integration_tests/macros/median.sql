{#- The host's own median, and a dispatch implementation with the name the package's median once
    had: if the package reached either, its medians (and so its marts) would change. -#}
{% macro median(expression) -%}
    max({{ expression }}) * 1000
{%- endmacro %}

{% macro default__median(expression) -%}
    max({{ expression }}) * 1000
{%- endmacro %}

{% macro duckdb__median(expression) -%}
    max({{ expression }}) * 1000
{%- endmacro %}

{% macro postgres__median(expression) -%}
    max({{ expression }}) * 1000
{%- endmacro %}
