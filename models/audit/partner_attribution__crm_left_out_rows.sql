{#-
    One row per row of a connector's table (Salesforce, HubSpot) that the mapping leaves out of
    the generic tables, with the rule that leaves it out (crm_left_out_rule: an inactive
    version, a deleted row, a row that is not partner data, an association to nothing). These
    are not rejects: the CRM no longer holds them, or they are not partner data. With the
    staging models they account for every row: for each connector table, rows in = rows here
    + rows landed (test crm_rows_land_or_are_left_out on the staging models). Built only when
    crm_source names a connector. One select per connector table, written by the loop below:
    the tables are the field map's (crm_field_kinds).
-#}
{{ config(alias='crm_left_out_rows') }}
{{ config(enabled=crm_source() != 'generic') }}
{%- set crm = crm_source() -%}
{%- set tables = crm_field_kinds(crm)['key'].keys() | list if crm != 'generic' else [] -%}
with

{% for table in tables -%}
    {{ table }}_rows as (
        select
            '{{ crm_source_relation(crm, table).identifier if execute else table }}' as source_table,
            {{ crm_record_key(crm, table, 'landed_rows') }} as record_key,
            {{ crm_left_out_rule(crm, table, 'landed_rows') }} as left_out_rule
        from {{ crm_table(crm, table, 'landed_rows') }}
    ),

{% endfor -%}
final as (
    {% for table in tables -%}
        select
            source_table,
            record_key,
            left_out_rule
        from {{ table }}_rows
        where left_out_rule is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor -%}
)

select * from final
