{#-
    One row per raw row that cannot be used, from every raw table: which table, its key (as
    the export wrote it, trimmed; null when the key itself is missing), every reason joined
    with '; ', and the raw row as JSON text. Rows in a raw table = rows in its staging model
    + its rows here; the rows_reconcile test on each source proves it.
    On DuckDB, the lines of a CSV file that could not be split into fields
    (partner_attribution_load.malformed_lines) are here too: no key (the fields are not known), the reason
    `malformed CSV line: <what>`, and the line with its number and DuckDB's error as the record.
-#}
{{ config(alias='rejected_rows') }}
{%- set base_models = {
    'accounts': 'base_crm__accounts',
    'partners': 'base_crm__partners',
    'opportunities': 'base_crm__opportunities',
    'opportunity_stage_history': 'base_crm__opportunity_stage_history',
    'partner_activities': 'base_crm__partner_activities',
    'currency_rates': 'base_crm__currency_rates',
} -%}

with

final as (
    {% for source_table, base_model in base_models.items() %}
        select
            '{{ source_table }}' as source_table,
            record_key,
            rejection_reason as reason,
            raw_record
        from {{ ref('partner_attribution', base_model) }}
        where rejection_reason is not null
        {% if not loop.last -%}
            union all
        {%- endif %}
    {% endfor %}
    {%- if target.type == 'duckdb' %}
        union all
        select
            source_table,
            cast(null as varchar) as record_key,
            'malformed CSV line: ' || {{ malformed_line_reason('error_type') }} as reason,
            cast(json_object(
                'line_number', line_number, 'csv_line', csv_line, 'error', error_message
            ) as varchar) as raw_record
        from {{ source('partner_attribution_load', 'malformed_lines') }}
    {%- endif %}
)

select * from final
