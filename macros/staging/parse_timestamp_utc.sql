{#-
    An ISO-8601 text timestamp as a UTC timestamp without time zone, or null when it does not
    parse. A value with an offset (+09:00, -0300, Z) is converted to UTC; a value without one
    is UTC already (spec "Raw input"); a bare date is midnight UTC. The offset test is explicit
    so the result never depends on the session's time zone.
-#}
{% macro parse_timestamp_utc(column) -%}
    {{ return(adapter.dispatch('partner_attribution_parse_timestamp_utc', 'partner_attribution')(column)) }}
{%- endmacro %}

{% macro default__partner_attribution_parse_timestamp_utc(column) -%}
    case
        when regexp_matches(trim({{ column }}), '[0-9]{2}:[0-9]{2}[0-9:.]* ?([+-][0-9]{2}(:?[0-9]{2})?|[Zz])$')
            then timezone('UTC', try_cast(trim({{ column }}) as timestamptz))
        else try_cast(trim({{ column }}) as timestamp)
    end
{%- endmacro %}

{% macro postgres__partner_attribution_parse_timestamp_utc(column) -%}
    case
        when trim({{ column }}) ~ '[0-9]{2}:[0-9]{2}[0-9:.]* ?([+-][0-9]{2}(:?[0-9]{2})?|[Zz])$'
            then {{ adapter.quote(partner_raw_schema()) }}.pa_try_timestamptz(trim({{ column }})) at time zone 'UTC'
        else {{ adapter.quote(partner_raw_schema()) }}.pa_try_timestamp(trim({{ column }}))
    end
{%- endmacro %}

{#- Spark reads an offset itself and a value without one in the session zone, pinned to UTC in the profile. -#}
{% macro spark__partner_attribution_parse_timestamp_utc(column) -%}
    case
        when trim({{ column }}) rlike '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?)? ?([Zz]|[+-][0-9]{2}(:?[0-9]{2})?)?$'
            then try_cast(trim({{ column }}) as timestamp)
    end
{%- endmacro %}
