{#-
    on-run-start hook: on DuckDB, create any of this project's seeds that the warehouse does
    not hold yet and that this invocation will not load itself (it is not among the selected
    resources), straight from its CSV, so that a bare `dbt run` on a new warehouse file works.
    A seed that exists is left alone: after editing a seed's CSV, run `dbt seed` (or
    `dbt build`, which loads seeds itself).
-#}
{% macro load_missing_seeds() -%}
    {{ return(adapter.dispatch('partner_attribution_load_missing_seeds', 'partner_attribution')()) }}
{%- endmacro %}


{% macro default__partner_attribution_load_missing_seeds() -%}
    select 1 as seeds_are_loaded_by_dbt_seed
{%- endmacro %}


{% macro duckdb__partner_attribution_load_missing_seeds() -%}
    {%- if execute -%}
        {%- for seed in graph.nodes.values()
                if seed.resource_type == 'seed' and seed.package_name == 'partner_attribution'
                and seed.unique_id not in selected_resources -%}
            {%- set existing = adapter.get_relation(database=seed.database, schema=seed.schema,
                                                   identifier=seed.alias) -%}
            {%- if existing is none -%}
                {%- set column_types = seed.config.column_types or {} -%}
                {%- set csv_path = seed.root_path ~ '/' ~ seed.original_file_path -%}
                {%- set header = run_query("describe select * from read_csv('" ~ csv_path
                    ~ "', header = true, all_varchar = true)") -%}
                {%- set select_list = [] -%}
                {%- for row in header.rows -%}
                    {%- set column = row[0] -%}
                    {%- do select_list.append('cast(' ~ adapter.quote(column) ~ ' as '
                        ~ column_types.get(column, 'varchar') ~ ') as ' ~ adapter.quote(column)) -%}
                {%- endfor -%}
                {%- do run_query('create schema if not exists ' ~ adapter.quote(seed.schema)) -%}
                {%- do run_query('create table ' ~ adapter.quote(seed.schema) ~ '.' ~ adapter.quote(seed.alias)
                    ~ ' as select ' ~ select_list | join(', ') ~ " from read_csv('" ~ csv_path
                    ~ "', header = true, all_varchar = true)") -%}
                {{ log('loaded seed ' ~ seed.name ~ ' (missing from the warehouse) from ' ~ seed.original_file_path, info=true) }}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    select 1 as missing_seeds_loaded
{%- endmacro %}
