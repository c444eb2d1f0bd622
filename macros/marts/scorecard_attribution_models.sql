{#- The attribution models the scorecard shows side by side: the built-in ones and `sourced`. -#}
{% macro scorecard_attribution_models() -%}
    {%- set custom = partner_var('custom_attribution_models') | map(attribute='name') | list -%}
    {%- set names = [] -%}
    {%- for model in attribution_models() if model.name not in custom -%}
        {%- do names.append(model.name) -%}
    {%- endfor -%}
    {%- do names.append('sourced') -%}
    {{ return(names) }}
{%- endmacro %}
