{#-
    on-run-start hook: expose the raw CRM export in `var('raw_data_dir')` as one relation per
    source table in the raw schema (a view over a Parquet file, a table loaded from a CSV file),
    so that staging reads it through source() like any warehouse table.

    * The tables and their columns are those of the CRM shape the var crm_source names
      (raw_export_tables): the generic export's, declared in _crm__sources.yml, or a
      connector's tables (Salesforce, HubSpot) with the fields of the field map.
    * Each table is <table>.csv or <table>.parquet, detected per table.
    * Every column is exposed as text: staging owns typing, so that a value that does not
      parse becomes a reject row with a reason rather than a failed build.
    * A missing directory, file or column stops the run with a message naming it.
    * Tables whose source entry has `meta: {optional: true}` may be absent; they are
      exposed as an empty view with the declared columns. So is a CSV file of zero bytes (not
      even a header), with a warning in the log: an export of a table with no rows.
    * DuckDB: a CSV file is loaded into a table of the raw schema, once per run. A line the CSV
      reader cannot split into the header's fields (too few or too many fields, bytes that are
      not UTF-8, a stray quote) is not loaded: it goes to raw.malformed_lines with DuckDB's
      error, and from there to rejected_rows. A quote that is never closed would swallow the
      lines after it, so it stops the run, naming the line. Loading once keeps every reader of the table on
      the same rows. A view over the file would let a reader of a few columns keep a line that
      a reader of all columns drops. Parquet files are exposed as views: their rows have no
      such errors.

    Spark reads the files in place too (spark__ below). A malformed CSV line stops a Spark run
    (mode FAILFAST): Spark's default would pad a short line with nulls and drop the extra fields
    of a long one without a trace. Engines that cannot read the files
    where they lie get the raw schema loaded by partner_tools.load_raw_export instead; the
    default implementation therefore does nothing.
-#}
{% macro register_raw_export() -%}
    {{ return(adapter.dispatch('partner_attribution_register_raw_export', 'partner_attribution')()) }}
{%- endmacro %}


{% macro default__partner_attribution_register_raw_export() -%}
    {%- do check_landed_tables() -%}
    select 1 as raw_export_is_loaded_by_script
{%- endmacro %}


{% macro duckdb__partner_attribution_register_raw_export() -%}
    {%- set raw_dir = partner_raw_data_dir() -%}
    {%- set raw_schema = partner_raw_schema() -%}
    {%- set malformed_lines = adapter.quote(raw_schema) ~ '.' ~ adapter.quote('malformed_lines') -%}
    {%- set raw_dir = raw_dir.rstrip('/') -%}
    {%- if execute and raw_dir -%}
        {%- set listed = run_query("select file from glob('" ~ raw_dir | replace("'", "''") ~ "/*')") -%}
        {%- set present = [] -%}
        {%- for row in listed.rows -%}
            {%- do present.append(row[0].split('/')[-1]) -%}
        {%- endfor -%}
        {%- if present | length == 0 -%}
            {{ exceptions.raise_compiler_error(
                "partner_attribution: raw_data_dir '" ~ raw_dir ~ "' is missing or empty. Set the dbt var "
                ~ "raw_data_dir to the directory holding the CRM export (one <table>.csv or <table>.parquet "
                ~ "per table), e.g. --vars '{raw_data_dir: /data/export}', or to '' to read the tables "
                ~ "already in the warehouse (vars crm_schema, salesforce_schema, hubspot_schema)."
            ) }}
        {%- endif -%}
    {%- endif -%}
    {%- if execute -%}
        {#- the record of malformed lines, which rejected_rows reads: filled below from the files;
            empty where the raw tables are in the warehouse already (no file was read) -#}
        {%- do claim_raw_relation(raw_schema, 'malformed_lines') -%}
        {%- do run_query('create table ' ~ malformed_lines ~ ' (source_table varchar, line_number bigint, '
            ~ 'error_type varchar, csv_line varchar, error_message varchar)') -%}
    {%- endif -%}
    {%- if execute and not raw_dir -%}
        {%- do check_landed_tables() -%}
    {%- endif -%}
    {%- if execute and raw_dir -%}
        {%- for raw_table in raw_export_tables() -%}
            {%- set table = raw_table.name -%}
            {%- set columns = raw_table.columns -%}
            {%- set file_format = raw_file_format(table, present, raw_dir, raw_table.optional) -%}
            {%- set file_path = (raw_dir ~ '/' ~ table ~ '.' ~ file_format) | replace("'", "''") -%}
            {%- set csv_options = "header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"'" -%}
            {%- if file_format == 'csv'
                    and run_query("select size from read_blob('" ~ file_path ~ "')").columns[0].values()[0] == 0 -%}
                {%- do log('Warning: ' ~ table ~ '.csv in ' ~ raw_dir ~ ' is empty (not even a header): '
                    ~ 'read as a table with no rows.', info=true) -%}
                {%- set reader = none -%}
            {%- elif file_format == 'csv' -%}
                {#- the columns come from the header line alone: no sniffing, which a malformed line
                    near the top of the file would stop -#}
                {%- set reader = "csv" -%}
            {%- elif file_format == 'parquet' -%}
                {%- set reader = "read_parquet('" ~ file_path ~ "')" -%}
            {%- else -%}
                {%- set reader = none -%}
            {%- endif -%}

            {%- set view = adapter.quote(raw_schema) ~ '.' ~ adapter.quote(table) -%}
            {%- do claim_raw_relation(raw_schema, table) -%}
            {%- if reader is none -%}
                {%- set select_list = [] -%}
                {%- for column in columns -%}
                    {%- do select_list.append('cast(null as varchar) as ' ~ adapter.quote(column)) -%}
                {%- endfor -%}
                {%- do run_query('create or replace view ' ~ view ~ ' as select '
                    ~ select_list | join(', ') ~ ' where false') -%}
            {%- else -%}
                {%- set found = [] -%}
                {%- set header = [] -%}
                {%- if file_format == 'csv' -%}
                    {%- set first_line = run_query("select rtrim(ltrim(line, chr(65279)), chr(13)) from read_csv('"
                        ~ file_path ~ "', header = false, auto_detect = false, columns = {'line': 'varchar'}, "
                        ~ "delim = chr(1), quote = '', escape = '', ignore_errors = true) limit 1") -%}
                    {%- set names = first_line.rows[0][0].split(',') if first_line.rows and first_line.rows[0][0] else [] -%}
                {%- else -%}
                    {%- set names = run_query('describe select * from ' ~ reader).columns[0].values() -%}
                {%- endif -%}
                {%- for name in names -%}
                    {%- set name = name.strip().strip('"').strip() -%}
                    {%- do found.append(name | lower) -%}
                    {%- do header.append("'" ~ name | replace("'", "''") ~ "': 'varchar'") -%}
                {%- endfor -%}
                {%- set select_list = [] -%}
                {%- for column in raw_columns_to_expose(raw_table, raw_dir, found) -%}
                    {%- do select_list.append('cast(' ~ adapter.quote(column) ~ ' as varchar) as '
                        ~ adapter.quote(column)) -%}
                {%- endfor -%}
                {%- if file_format == 'csv' -%}
                    {%- do run_query('create table ' ~ view ~ ' as select ' ~ select_list | join(', ')
                        ~ " from read_csv('" ~ file_path ~ "', " ~ csv_options ~ ", auto_detect = false, "
                        ~ "columns = {" ~ header | join(', ') ~ "}, store_rejects = true, "
                        ~ "rejects_table = 'raw_csv_rejects', rejects_scan = 'raw_csv_scans')") -%}
                    {#- one row per line: DuckDB writes a row per missing field, and a line can fail in
                        more than one way (the first field's message is kept) -#}
                    {%- do run_query('insert into ' ~ malformed_lines ~ " select '" ~ table ~ "', line, "
                        ~ "string_agg(distinct error_type, '; ' order by error_type), min(csv_line), "
                        ~ 'arg_min(error_message, coalesce(column_idx, 0)) '
                        ~ 'from raw_csv_rejects group by line') -%}
                    {%- do run_query('drop table raw_csv_rejects') -%}
                    {%- do run_query('drop table raw_csv_scans') -%}
                    {#- a quote that is never closed swallows the lines after it into one bad "line":
                        those rows would be lost without a trace, so the run stops instead -#}
                    {%- set swallowed = run_query('select min(line_number) from ' ~ malformed_lines
                        ~ " where source_table = '" ~ table ~ "' and error_type like '%UNQUOTED VALUE%'"
                        ~ ' and strpos(csv_line, chr(10)) > 0') -%}
                    {%- if swallowed.rows[0][0] is not none -%}
                        {{ exceptions.raise_compiler_error(
                            table ~ ".csv in " ~ raw_dir ~ ": the quote opened on line " ~ swallowed.rows[0][0]
                            ~ " is never closed, so the lines after it cannot be split into rows. Fix the quote in "
                            ~ "the export (a quote inside a quoted value is written twice: \"\").") }}
                    {%- endif -%}
                {%- else -%}
                    {%- do run_query('create view ' ~ view ~ ' as select '
                        ~ select_list | join(', ') ~ ' from ' ~ reader) -%}
                {%- endif -%}
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
{% macro spark__partner_attribution_register_raw_export() -%}
    {%- set raw_dir = partner_raw_data_dir() -%}
    {%- if execute and not raw_dir -%}
        {%- do check_landed_tables() -%}
    {%- endif -%}
    {%- if execute and raw_dir -%}
        {%- set raw_dir = raw_dir.rstrip('/') -%}
        {%- set raw_schema = partner_raw_schema() -%}
        {#- the listing gives absolute paths: a relative one in a table would resolve under the warehouse -#}
        {%- set listed = run_query("select path from binaryFile.`" ~ raw_dir ~ "`") -%}
        {%- set present = [] -%}
        {%- set full_path = {} -%}
        {%- for row in listed.rows -%}
            {%- do present.append(row[0].split('/')[-1]) -%}
            {%- do full_path.update({row[0].split('/')[-1]: row[0]}) -%}
        {%- endfor -%}
        {%- if present | length == 0 -%}
            {{ exceptions.raise_compiler_error("partner_attribution: raw_data_dir '" ~ raw_dir ~ "' is empty. "
                ~ "Set the dbt var raw_data_dir to the directory holding the CRM export.") }}
        {%- endif -%}
        {%- for raw_table in raw_export_tables() -%}
            {%- set table = raw_table.name -%}
            {%- set columns = raw_table.columns -%}
            {%- set file_table = raw_schema ~ '._file_' ~ table -%}
            {%- set view = raw_schema ~ '.' ~ table -%}
            {%- do claim_raw_relation(raw_schema, table) -%}
            {%- do claim_raw_relation(raw_schema, '_file_' ~ table) -%}
            {%- set file_format = raw_file_format(table, present, raw_dir, raw_table.optional) -%}
            {%- if file_format == 'csv' -%}
                {%- do run_query('create table ' ~ file_table ~ " using csv options (path '"
                    ~ full_path[table ~ '.csv'] ~ "', header 'true', inferSchema 'false', multiLine 'true', "
                    ~ "quote '\"', escape '\"', mode 'FAILFAST')") -%}
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
                {%- set select_list = [] -%}
                {%- for column in raw_columns_to_expose(raw_table, raw_dir, found) -%}
                    {%- do select_list.append('cast(`' ~ column ~ '` as string) as `' ~ column ~ '`') -%}
                {%- endfor -%}
                {%- do run_query('create view ' ~ view ~ ' as select ' ~ select_list | join(', ')
                    ~ ' from ' ~ file_table) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    select 1 as raw_export_registered
{%- endmacro %}
