{#-
    One row per line of a raw CSV file that could not be split into the header's fields
    (partner_attribution_load.malformed_lines, recorded by register_raw_export while it loads the
    export), in the columns of rejected_rows: no key (the fields are not known), the reason
    `malformed CSV line: <what>`, and the line with its number and DuckDB's error as the record.
    Only DuckDB reads CSV files and records such lines, so the model exists only there.
-#}
{{ config(enabled=malformed_lines_are_recorded()) }}
with

malformed_lines as (
    select * from {{ source('partner_attribution_load', 'malformed_lines') }}
),

final as (
    select
        source_table,
        cast(null as varchar) as record_key,
        'malformed CSV line: ' || {{ malformed_line_reason('error_type') }} as reason,
        cast(json_object(
            'line_number', line_number, 'csv_line', csv_line, 'error', error_message
        ) as varchar) as raw_record
    from malformed_lines
)

select * from final
