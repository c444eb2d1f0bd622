{#-
    One row per raw row that cannot be used, from every raw table: which table, its key (as
    the export wrote it, trimmed; null when the key itself is missing), every reason joined
    with '; ', and the raw row as JSON text. Rows in a raw table = rows in its validated model
    + its rows here; the rows_reconcile test on each raw table's staging (or conformed) model
    proves it.
    Read from the validated layer only: the checked models (every raw row with its reason) and,
    where it is built (DuckDB), val_crm__malformed_lines (the lines of a CSV file that could not
    be split into fields: no key, the reason `malformed CSV line: <what>`, and the line with its
    number and DuckDB's error as the record).
-#}
{{ config(alias='rejected_rows') }}
{%- set checked_models = {
    'accounts': 'val_crm__accounts_checked',
    'partners': 'val_crm__partners_checked',
    'opportunities': 'val_crm__opportunities_checked',
    'opportunity_stage_history': 'val_crm__opportunity_stage_history_checked',
    'partner_activities': 'val_crm__partner_activities_checked',
    'currency_rates': 'val_crm__currency_rates_checked',
} -%}

with

final as (
    {% for source_table, checked_model in checked_models.items() %}
        select
            '{{ source_table }}' as source_table,
            record_key,
            rejection_reason as reason,
            raw_record
        from {{ ref('partner_attribution', checked_model) }}
        where rejection_reason is not null
        {% if not loop.last -%}
            union all
        {%- endif %}
    {% endfor %}
    {#- only where val_crm__malformed_lines is enabled: a ref elsewhere would name a disabled model #}
    {%- if malformed_lines_are_recorded() %}
        union all
        select
            source_table,
            record_key,
            reason,
            raw_record
        from {{ ref('partner_attribution', 'val_crm__malformed_lines') }}
    {%- endif %}
)

select * from final
