{#-
    A timestamp plus a whole number of days (negative to go back), exact to the microsecond.
    dbt.dateadd on Spark goes through Unix seconds and drops fractions of a second, so Spark
    adds an interval instead.
-#}
{% macro add_days(timestamp_sql, days) -%}
    {{ return(adapter.dispatch('partner_attribution_add_days', 'partner_attribution')(timestamp_sql, days)) }}
{%- endmacro %}

{#-
    A timestamp minus a whole number of days. The negation happens here, not in the model:
    dbt 1.10 renders a unit-tested model without the project's macros while it collects its
    refs, and `-partner_var(...)` in the model's own Jinja then fails (a macro's call is fine).
-#}
{% macro subtract_days(timestamp_sql, days) -%}
    {{ return(add_days(timestamp_sql, -days)) }}
{%- endmacro %}

{% macro default__partner_attribution_add_days(timestamp_sql, days) -%}
    {{ dbt.dateadd('day', days, timestamp_sql) }}
{%- endmacro %}

{% macro spark__partner_attribution_add_days(timestamp_sql, days) -%}
    ({{ timestamp_sql }} + make_dt_interval({{ days }}))
{%- endmacro %}
