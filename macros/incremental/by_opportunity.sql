{#-
    Incremental by opportunity (docs/incremental.md).

    The touch facts and the attribution are built per opportunity: every row of them belongs
    to one opportunity and depends only on that opportunity's as-of row, the touches that name
    it, the account-level touches of its account, and the definition (the code, seeds and vars
    they are built under). int_opportunity_input_fingerprints hashes those inputs per
    opportunity; int_opportunities_to_refresh compares them with the fingerprints the last
    build applied (int_opportunity_build_state) and lists the opportunities whose inputs
    changed, appeared or disappeared. An incremental run deletes those opportunities' rows
    from each model (pre-hook) and inserts them anew (append); every other row is kept.
    The definition is derived, not declared (incremental_definition below): a change to the
    SQL of these models, to a macro they call, to a seed they are built from or to a var they
    read refreshes every opportunity on the next run, with nothing to raise by hand. A model
    joins the refresh, and its definition, by calling by_opportunity_config().

    On DuckDB, the embedded default, the models are incremental; elsewhere they are tables
    rebuilt on every run (the fingerprints use DuckDB's hash()).
-#}

{#- true where the by-opportunity models are incremental -#}
{% macro incremental_by_opportunity() -%}
    {{ return(target.type == 'duckdb') }}
{%- endmacro %}

{#- the materialization of a by-opportunity model -#}
{% macro by_opportunity_materialization() -%}
    {{ return('incremental' if incremental_by_opportunity() else 'table') }}
{%- endmacro %}

{#-
    A condition on `column` (an opportunity id) that keeps only the opportunities this run
    refreshes: every opportunity on a full build, the changed ones on an incremental run.
    It always refs int_opportunities_to_refresh on DuckDB, so the model runs after it (not in
    a unit test, which sees only its given inputs and is never incremental).
-#}
{% macro refreshed_opportunities(column) -%}
    {%- if incremental_by_opportunity() and model.resource_type != 'unit_test' -%}
        {%- set refresh = ref('partner_attribution', 'int_opportunities_to_refresh') -%}
        {%- if is_incremental() -%}
            {{ column }} in (select refresh.opportunity_id from {{ refresh }} as refresh)
        {%- else -%}
            true
        {%- endif -%}
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{#-
    Pre-hook of every by-opportunity model: on an incremental run, delete the rows of the
    opportunities being refreshed (changed, new or gone), which the model then inserts anew;
    every row when the definition changed (then every opportunity is refreshed).
-#}
{% macro delete_refreshed_opportunities() -%}
    {%- if is_incremental() -%}
        {%- set refresh = ref('partner_attribution', 'int_opportunities_to_refresh') -%}
        delete from {{ this }}
        where opportunity_id in (select refresh.opportunity_id from {{ refresh }} as refresh)
            or exists (select 1 from {{ refresh }} as refresh where refresh.refresh_reason = 'definition changed')
    {%- endif -%}
{%- endmacro %}

{#- the config block of a by-opportunity model -#}
{% macro by_opportunity_config() -%}
    {{ config(
        materialized=by_opportunity_materialization(),
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_refreshed_opportunities() }}",
    ) }}
{%- endmacro %}

{#-
    The models the by-opportunity refresh covers, found in the graph rather than listed: every
    model of this package that calls by_opportunity_config() (the facts and the attribution)
    or incremental_by_opportunity() (the fingerprints, the list of opportunities to refresh
    and the build state).
-#}
{% macro by_opportunity_models() -%}
    {%- set framework = ['macro.' ~ model.package_name ~ '.by_opportunity_config',
                         'macro.' ~ model.package_name ~ '.incremental_by_opportunity'] -%}
    {%- set names = [] -%}
    {#- outside `execute` (dbt's parse) the graph is not there yet -#}
    {%- for node in (graph.nodes.values() if execute else [])
            if node.resource_type == 'model' and node.package_name == model.package_name
            and node.depends_on.macros | select('in', framework) | list -%}
        {%- do names.append(node.name) -%}
    {%- endfor -%}
    {{ return(names | sort) }}
{%- endmacro %}

{#-
    What the by-opportunity models were built under, beyond the data (incremental_definition_of):
    their SQL, the macros they call, the seeds and the vars they read. as_of_date is left out:
    it reaches them only through int_opportunities_as_of (the end of each opportunity's window,
    which deals are closed), so a later date moves the fingerprints of the opportunities it
    changes instead of refreshing all of them. int_opportunities_to_refresh refreshes every
    opportunity when this differs from what the last build stored.
-#}
{% macro incremental_definition() -%}
    {{ return(incremental_definition_of(by_opportunity_models(), ignored_vars=['as_of_date'])) }}
{%- endmacro %}
