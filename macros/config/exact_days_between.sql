{#- Exact days from one timestamp to a later one: seconds / 86400, to the microsecond (spec "Touches and windows"). -#}
{% macro exact_days_between(start_at, end_at) -%}
    {{ return(adapter.dispatch('partner_attribution_exact_days_between', 'partner_attribution')(start_at, end_at)) }}
{%- endmacro %}

{% macro default__partner_attribution_exact_days_between(start_at, end_at) -%}
    ({{ dbt.datediff(start_at, end_at, 'microsecond') }} / 86400000000.0)
{%- endmacro %}

{% macro postgres__partner_attribution_exact_days_between(start_at, end_at) -%}
    (extract(epoch from ({{ end_at }} - {{ start_at }})) / 86400.0)
{%- endmacro %}

{% macro spark__partner_attribution_exact_days_between(start_at, end_at) -%}
    (cast(unix_micros({{ end_at }}) - unix_micros({{ start_at }}) as double) / 86400000000.0)
{%- endmacro %}
