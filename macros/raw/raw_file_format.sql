{#-
    Which file holds a raw table in the export directory: 'csv', 'parquet', or none for a
    missing optional table. Stops the run, naming the file, when both exist or a required one
    is missing. Shared by every engine that reads the export in place.
    present: the file names in the directory; is_optional: the source's meta.optional.
-#}
{% macro raw_file_format(table, present, raw_dir, is_optional) -%}
    {%- set has_csv = (table ~ '.csv') in present -%}
    {%- set has_parquet = (table ~ '.parquet') in present -%}
    {%- if has_csv and has_parquet -%}
        {{ exceptions.raise_compiler_error(
            "raw_data_dir '" ~ raw_dir ~ "' holds both " ~ table ~ ".csv and " ~ table
            ~ ".parquet; keep exactly one of them.") }}
    {%- elif has_csv -%}
        {{ return('csv') }}
    {%- elif has_parquet -%}
        {{ return('parquet') }}
    {%- elif not is_optional -%}
        {%- set required = [] -%}
        {%- for raw_table in raw_export_tables() if not raw_table.optional -%}
            {%- do required.append(raw_table.name) -%}
        {%- endfor -%}
        {{ exceptions.raise_compiler_error(
            "raw_data_dir '" ~ raw_dir ~ "' has no " ~ table ~ ".csv or " ~ table ~ ".parquet. "
            ~ "The CRM export needs one file per table (.csv or .parquet): " ~ required | sort | join(', ') ~ "."
            ~ (" To read tables a connector already landed in the warehouse instead, set raw_data_dir to ''."
               if crm_source() != 'generic' else '')) }}
    {%- endif -%}
    {{ return(none) }}
{%- endmacro %}
