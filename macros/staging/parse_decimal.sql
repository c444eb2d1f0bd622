{#-
    A text number (amount, rate) as a decimal of `type` (default type_amount(); rates pass
    type_rate()), or null when it does not parse. Plain decimals with a dot are accepted
    ('1234.50', '1e3'); thousands separators and suffixes ('1,234', '12k') are not, so such
    rows are rejected rather than guessed at. Digits beyond the type's scale are rounded (half
    away from zero on every engine).
-#}
{% macro parse_decimal(column, type=none) -%}
    {{ return(adapter.dispatch('partner_attribution_parse_decimal', 'partner_attribution')(column, type or type_amount())) }}
{%- endmacro %}

{% macro default__partner_attribution_parse_decimal(column, type) -%}
    try_cast(trim({{ column }}) as {{ type }})
{%- endmacro %}

{% macro postgres__partner_attribution_parse_decimal(column, type) -%}
    cast({{ adapter.quote(partner_raw_schema()) }}.pa_try_numeric(trim({{ column }})) as {{ type }})
{%- endmacro %}

{% macro spark__partner_attribution_parse_decimal(column, type) -%}
    case
        when trim({{ column }}) rlike '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$'
            then try_cast(trim({{ column }}) as {{ type }})
    end
{%- endmacro %}
