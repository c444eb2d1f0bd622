{#-
    Every reason a row cannot be used, joined with '; ', or null when it is usable.
    checks: a list of [condition SQL, reason text] pairs, in the order a reader should see them.
-#}
{% macro rejection_reason(checks) -%}
    {%- if checks | length == 0 -%}
        {{ exceptions.raise_compiler_error("rejection_reason() needs at least one [condition, reason] pair") }}
    {%- endif -%}
    nullif(concat_ws('; ',
        {%- for condition, reason in checks %}
        case when {{ condition }} then '{{ reason }}' end{{ ',' if not loop.last }}
        {%- endfor %}
    ), '')
{%- endmacro %}
