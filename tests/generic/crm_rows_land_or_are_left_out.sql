{#-
    Nothing of a connector's tables is lost in the mapping: for each of `tables` (tables of
    the connector `crm` that land in `model`), rows in (its staging model, which keeps every
    landed row) = rows left out (in
    audit.crm_left_out_rows, with their rule) + rows landed (rows no rule leaves out whose key,
    crm_record_key, is among the keys of `model`: the SQL expression `key`, or of `other`
    by `other_key` where a table lands in two models). Returns one row per table where the
    three counts disagree: a row that no rule leaves out and that did not land was lost.
-#}
{% test crm_rows_land_or_are_left_out(model, crm, tables, key, left_out, other=none, other_key=none) %}

with

landed_keys as (
    select distinct cast({{ key }} as {{ dbt.type_string() }}) as record_key from {{ model }}
    {%- if other is not none %}
    union
    select distinct cast({{ other_key }} as {{ dbt.type_string() }}) as record_key from {{ other }}
    {%- endif %}
),

{% for table in tables %}
{%- set label = crm_source_relation(crm, table).identifier if execute else table %}
{{ table }}_rows as (
    select
        {{ crm_record_key(crm, table, 'landed_rows') }} as record_key,
        {{ crm_left_out_rule(crm, table, 'landed_rows') }} as left_out_rule
    from {{ crm_table(crm, table, 'landed_rows') }}
),

{{ table }}_counts as (
    select
        '{{ label }}' as source_table,
        count(*) as rows_in,
        count(case when {{ table }}_rows.left_out_rule is null then landed_keys.record_key end) as rows_landed
    from {{ table }}_rows
    left join landed_keys
        on {{ table }}_rows.record_key = landed_keys.record_key
),

{{ table }}_left_out as (
    select count(*) as rows_left_out from {{ left_out }}
    where source_table = '{{ label }}'
),

{% endfor %}
final as (
    {% for table in tables %}
        select
            {{ table }}_counts.source_table,
            {{ table }}_counts.rows_in,
            {{ table }}_left_out.rows_left_out,
            {{ table }}_counts.rows_landed
        from {{ table }}_counts
        cross join {{ table }}_left_out
        where {{ table }}_counts.rows_in <> {{ table }}_left_out.rows_left_out + {{ table }}_counts.rows_landed
        {% if not loop.last -%}
            union all
        {%- endif %}
    {% endfor %}
)

select * from final

{% endtest %}
