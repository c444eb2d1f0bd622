{#-
    Whether this engine records the lines of a raw CSV file that could not be split into fields
    (partner_attribution_load.malformed_lines): only DuckDB reads the files itself. One condition
    for the model that gives those lines their reason (val_crm__malformed_lines is enabled on it),
    for rejected_rows, which reads that model, and for the tests that count rows in (raw_rows_in).
-#}
{% macro malformed_lines_are_recorded() -%}
    {{ return(target.type == 'duckdb') }}
{%- endmacro %}
