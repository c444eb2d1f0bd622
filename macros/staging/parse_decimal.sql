{#-
    A text number (amount, rate) as numeric, or null when it does not parse. Plain decimals
    with a dot are accepted ('1234.50', '1e3'); thousands separators and suffixes
    ('1,234', '12k') are not, so such rows are rejected rather than guessed at.
-#}
{% macro parse_decimal(column) -%}
    {{ return(adapter.dispatch('parse_decimal', 'partner_attribution')(column)) }}
{%- endmacro %}

{% macro default__parse_decimal(column) -%}
    try_cast(trim({{ column }}) as {{ dbt.type_numeric() }})
{%- endmacro %}

{% macro postgres__parse_decimal(column) -%}
    cast({{ adapter.quote(target.schema) }}.pa_try_numeric(trim({{ column }})) as {{ dbt.type_numeric() }})
{%- endmacro %}

{% macro spark__parse_decimal(column) -%}
    case
        when trim({{ column }}) rlike '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$'
            then try_cast(trim({{ column }}) as {{ dbt.type_numeric() }})
    end
{%- endmacro %}
