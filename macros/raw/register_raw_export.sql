{#-
    on-run-start hook: expose the raw CRM export in `var('raw_data_dir')` as one view per
    source table in the raw schema, so that staging reads it through source() like any
    warehouse table.

    * The tables and their columns are those declared in _crm__sources.yml (one place).
    * Each table is <table>.csv or <table>.parquet, detected per table.
    * Every column is exposed as text: staging owns typing, so that a value that does not
      parse becomes a reject row with a reason rather than a failed build.
    * A missing directory, file or column stops the run with a message naming it.
    * Tables whose source entry has `meta: {optional: true}` may be absent; they are
      exposed as an empty view with the declared columns.

    Spark reads the files in place too (spark__ below). Engines that cannot read the files
    where they lie get the raw schema loaded by scripts/load_raw_export.py instead; the
    default implementation therefore does nothing.
-#}
{% macro register_raw_export() -%}
    {{ return(adapter.dispatch('register_raw_export', 'partner_attribution')()) }}
{%- endmacro %}


{% macro default__register_raw_export() -%}
    select 1 as raw_export_is_loaded_by_script
{%- endmacro %}


{% macro duckdb__register_raw_export() -%}
    {%- set raw_dir = var('raw_data_dir') | string | trim -%}
    {%- if execute and raw_dir -%}
        {%- set raw_dir = raw_dir.rstrip('/') -%}
        {%- set raw_schema = var('raw_schema') -%}
        {%- set listed = run_query("select file from glob('" ~ raw_dir | replace("'", "''") ~ "/*')") -%}
        {%- set present = [] -%}
        {%- for row in listed.rows -%}
            {%- do present.append(row[0].split('/')[-1]) -%}
        {%- endfor -%}
        {%- if present | length == 0 -%}
            {{ exceptions.raise_compiler_error(
                "raw_data_dir '" ~ raw_dir ~ "' is missing or empty. Set the dbt var raw_data_dir to the "
                ~ "directory holding the CRM export (one <table>.csv or <table>.parquet per table), e.g. "
                ~ "--vars '{raw_data_dir: /data/export}'."
            ) }}
        {%- endif -%}

        {%- do run_query('create schema if not exists ' ~ adapter.quote(raw_schema)) -%}

        {%- for source_node in graph.sources.values()
                if source_node.package_name == project_name and source_node.source_name == 'crm' -%}
            {%- set table = source_node.name -%}
            {%- set columns = source_node.columns.keys() | list -%}
            {%- set file_format = raw_file_format(table, present, raw_dir, source_node.meta.get('optional', false)) -%}
            {%- set file_path = (raw_dir ~ '/' ~ table ~ '.' ~ file_format) | replace("'", "''") -%}
            {%- if file_format == 'csv' -%}
                {%- set reader = "read_csv('" ~ file_path
                    ~ "', header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"')" -%}
            {%- elif file_format == 'parquet' -%}
                {%- set reader = "read_parquet('" ~ file_path ~ "')" -%}
            {%- else -%}
                {%- set reader = none -%}
            {%- endif -%}

            {%- set view = adapter.quote(raw_schema) ~ '.' ~ adapter.quote(table) -%}
            {%- if reader is none -%}
                {%- set select_list = [] -%}
                {%- for column in columns -%}
                    {%- do select_list.append('cast(null as varchar) as ' ~ adapter.quote(column)) -%}
                {%- endfor -%}
                {%- do run_query('create or replace view ' ~ view ~ ' as select '
                    ~ select_list | join(', ') ~ ' where false') -%}
            {%- else -%}
                {%- set described = run_query('describe select * from ' ~ reader) -%}
                {%- set found = [] -%}
                {%- for row in described.rows -%}
                    {%- do found.append(row[0] | lower | trim) -%}
                {%- endfor -%}
                {{- check_raw_columns(table, raw_dir, columns, found) -}}
                {%- set select_list = [] -%}
                {%- for column in columns -%}
                    {%- do select_list.append('cast(' ~ adapter.quote(column) ~ ' as varchar) as '
                        ~ adapter.quote(column)) -%}
                {%- endfor -%}
                {%- do run_query('create or replace view ' ~ view ~ ' as select '
                    ~ select_list | join(', ') ~ ' from ' ~ reader) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    select 1 as raw_export_registered
{%- endmacro %}


{#-
    Spark: each file becomes a table over the file (raw._file_<table>, all CSV columns read as
    text) and a view raw.<table> that casts every declared column to text, as on DuckDB. The
    directory is listed through the binaryFile source (paths only), so CSV or Parquet is
    detected per table and a missing file or column stops the run with a message naming it.
-#}
{% macro spark__register_raw_export() -%}
    {%- set raw_dir = var('raw_data_dir') | string | trim -%}
    {%- if execute and raw_dir -%}
        {%- set raw_dir = raw_dir.rstrip('/') -%}
        {%- set raw_schema = var('raw_schema') -%}
        {#- the listing gives absolute paths: a relative one in a table would resolve under the warehouse -#}
        {%- set listed = run_query("select path from binaryFile.`" ~ raw_dir ~ "`") -%}
        {%- set present = [] -%}
        {%- set full_path = {} -%}
        {%- for row in listed.rows -%}
            {%- do present.append(row[0].split('/')[-1]) -%}
            {%- do full_path.update({row[0].split('/')[-1]: row[0]}) -%}
        {%- endfor -%}
        {%- if present | length == 0 -%}
            {{ exceptions.raise_compiler_error("raw_data_dir '" ~ raw_dir ~ "' is empty. Set the dbt var "
                ~ "raw_data_dir to the directory holding the CRM export.") }}
        {%- endif -%}
        {%- do run_query('create schema if not exists ' ~ raw_schema) -%}
        {%- for source_node in graph.sources.values()
                if source_node.package_name == project_name and source_node.source_name == 'crm' -%}
            {%- set table = source_node.name -%}
            {%- set columns = source_node.columns.keys() | list -%}
            {%- set file_table = raw_schema ~ '._file_' ~ table -%}
            {%- set view = raw_schema ~ '.' ~ table -%}
            {%- do run_query('drop view if exists ' ~ view) -%}
            {%- do run_query('drop table if exists ' ~ file_table) -%}
            {%- set file_format = raw_file_format(table, present, raw_dir, source_node.meta.get('optional', false)) -%}
            {%- if file_format == 'csv' -%}
                {%- do run_query('create table ' ~ file_table ~ " using csv options (path '"
                    ~ full_path[table ~ '.csv'] ~ "', header 'true', inferSchema 'false', multiLine 'true', "
                    ~ "quote '\"', escape '\"')") -%}
            {%- elif file_format == 'parquet' -%}
                {%- do run_query('create table ' ~ file_table ~ " using parquet options (path '"
                    ~ full_path[table ~ '.parquet'] ~ "')") -%}
            {%- else -%}
                {%- set select_list = [] -%}
                {%- for column in columns -%}
                    {%- do select_list.append('cast(null as string) as ' ~ column) -%}
                {%- endfor -%}
                {%- do run_query('create view ' ~ view ~ ' as select ' ~ select_list | join(', ') ~ ' where false') -%}
            {%- endif -%}
            {%- if file_format is not none -%}
                {%- set found = [] -%}
                {%- for row in run_query('describe table ' ~ file_table).rows
                        if row[0] and not row[0].startswith('#') -%}
                    {%- do found.append(row[0] | lower | trim) -%}
                {%- endfor -%}
                {{- check_raw_columns(table, raw_dir, columns, found) -}}
                {%- set select_list = [] -%}
                {%- for column in columns -%}
                    {%- do select_list.append('cast(`' ~ column ~ '` as string) as `' ~ column ~ '`') -%}
                {%- endfor -%}
                {%- do run_query('create view ' ~ view ~ ' as select ' ~ select_list | join(', ')
                    ~ ' from ' ~ file_table) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    select 1 as raw_export_registered
{%- endmacro %}
