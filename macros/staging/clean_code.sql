{#-
    A vocabulary value (opportunity_type, activity_type, direction, status, funded_by ...):
    trimmed, lower case, spaces and hyphens as underscores, empty as null. So 'New Business',
    ' new-business' and 'NEW_BUSINESS' all read as new_business.
-#}
{% macro clean_code(column) -%}
    nullif(replace(replace(lower(trim({{ column }})), ' ', '_'), '-', '_'), '')
{%- endmacro %}
