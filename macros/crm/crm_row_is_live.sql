{#-
    A condition that keeps the rows of a connector's table that still exist in the CRM: not
    marked deleted at the source since the last sync (fivetran_deleted: _fivetran_deleted), nor
    in the CRM's recycle bin (is_deleted), where the field map has those fields. Such rows are
    not data to reject: they are gone from the CRM, and the mapping leaves them out.
-#}
{% macro crm_row_is_live(crm, table, alias) -%}
    {%- set conditions = [] -%}
    {%- for flag in ['fivetran_deleted', 'is_deleted'] if crm_fields(crm, table).get(flag) is not none -%}
        {%- do conditions.append('coalesce(' ~ parse_boolean(crm_field(crm, table, flag, alias)) ~ ', false) = false') -%}
    {%- endfor -%}
    {{ conditions | join('\n    and ') if conditions else 'true' }}
{%- endmacro %}
