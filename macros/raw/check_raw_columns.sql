{#-
    Stops the run, naming the table and the columns, when a raw file lacks declared columns.
    columns: the declared columns (from _crm__sources.yml); found: the file's, lower case.
-#}
{% macro check_raw_columns(table, raw_dir, columns, found) -%}
    {%- set missing = [] -%}
    {%- for column in columns if column not in found -%}
        {%- do missing.append(column) -%}
    {%- endfor -%}
    {%- if missing -%}
        {{ exceptions.raise_compiler_error(
            "The raw file for table " ~ table ~ " in '" ~ raw_dir ~ "' lacks the column(s) "
            ~ missing | join(', ') ~ ". Expected columns: " ~ columns | join(', ')
            ~ ". Found: " ~ found | join(', ') ~ ".") }}
    {%- endif -%}
{%- endmacro %}
