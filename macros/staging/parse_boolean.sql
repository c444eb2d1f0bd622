{#-
    A text boolean per the spec: true/false, t/f, yes/no, 1/0 in any case; empty is null.
    Anything else is also null here; pair it with is_invalid_boolean() to reject the row.
-#}
{% macro parse_boolean(column) -%}
    case
        when lower(trim({{ column }})) in ('true', 't', 'yes', '1') then true
        when lower(trim({{ column }})) in ('false', 'f', 'no', '0') then false
    end
{%- endmacro %}
