{#- A text whole number as an integer, or null when it is not one ('12.5' is not). -#}
{% macro parse_integer(column) -%}
    {{ return(adapter.dispatch('partner_attribution_parse_integer', 'partner_attribution')(column)) }}
{%- endmacro %}

{% macro default__partner_attribution_parse_integer(column) -%}
    case
        when regexp_matches(trim({{ column }}), '^[0-9]+$')
            then try_cast(trim({{ column }}) as {{ dbt.type_bigint() }})
    end
{%- endmacro %}

{% macro postgres__partner_attribution_parse_integer(column) -%}
    case
        when trim({{ column }}) ~ '^[0-9]{1,18}$' then cast(trim({{ column }}) as {{ dbt.type_bigint() }})
    end
{%- endmacro %}

{% macro spark__partner_attribution_parse_integer(column) -%}
    case
        when trim({{ column }}) rlike '^[0-9]{1,18}$' then cast(trim({{ column }}) as {{ dbt.type_bigint() }})
    end
{%- endmacro %}
