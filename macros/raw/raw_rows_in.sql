{#-
    A query of one column, row_count: the rows a raw table came with, which is the rows of
    `raw_table` plus, on DuckDB, its lines in `malformed` (partner_attribution_load.malformed_lines) that never
    reached it. The tests that count what went in (rows_reconcile, rejected_share_at_most) use it.
-#}
{% macro raw_rows_in(raw_table, source_table, malformed=none) -%}
    select count(*) as row_count from (
        select 1 as one from {{ raw_table }}
        {%- if malformed is not none and malformed_lines_are_recorded() %}
        union all
        select 1 as one from {{ malformed }}
        where source_table = '{{ source_table }}'
        {%- endif %}
    ) as raw_rows
{%- endmacro %}
