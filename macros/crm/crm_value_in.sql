{#-
    True where a CRM field's text is one of `values` (a list var, e.g.
    salesforce_partner_account_values), compared trimmed and in any case; false where it is
    empty or another value. Picks partner accounts and deal registrations out of a table.
-#}
{% macro crm_value_in(expression, values, var_name) -%}
    {%- if values is string or values is mapping or values is not iterable or values | length == 0 -%}
        {{ exceptions.raise_compiler_error("The var " ~ var_name ~ " must be a non-empty list of values, "
            ~ "e.g. [Partner]; got " ~ values) }}
    {%- endif -%}
    coalesce(lower(trim({{ expression }})) in (
        {%- for value in values -%}
            '{{ value | string | trim | lower | replace("'", "''") }}'{{ ', ' if not loop.last }}
        {%- endfor -%}
    ), false)
{%- endmacro %}
