{#-
    A CRM picklist value read through a value map (a var such as
    salesforce_opportunity_type_map): a listed value (compared trimmed) becomes its mapped
    value; any other value is kept as it is, so staging cleans it ('Co-Sell Meeting' reads as
    co_sell_meeting) and rejects it with its reason when it is not in the vocabulary.
-#}
{% macro crm_value_map(expression, mapping) -%}
    {%- if mapping is not mapping -%}
        {{ exceptions.raise_compiler_error("crm_value_map: a value map must be a mapping of CRM value to "
            ~ "this project's value, e.g. {New Business: new_business}; got " ~ mapping) }}
    {%- endif -%}
    {%- if mapping | length == 0 -%}
        {{ expression }}
    {%- else -%}
    case trim({{ expression }})
        {%- for crm_value, value in mapping.items() %}
        when '{{ crm_value | string | replace("'", "''") }}' then '{{ value | string | replace("'", "''") }}'
        {%- endfor %}
        else {{ expression }}
    end
    {%- endif -%}
{%- endmacro %}
