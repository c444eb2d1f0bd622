{#-
    Incremental by opportunity (docs/incremental.md).

    The touch facts and the attribution are built per opportunity: every row of them belongs
    to one opportunity and depends only on that opportunity's as-of row, the touches that name
    it, the account-level touches of its account, and the definition (vars and the
    activity_types seed). int_opportunity_input_fingerprints hashes those inputs per
    opportunity; int_opportunities_to_refresh compares them with the fingerprints the last
    build applied (int_opportunity_build_state) and lists the opportunities whose inputs
    changed, appeared or disappeared. An incremental run deletes those opportunities' rows
    from each model (pre-hook) and inserts them anew (append); every other row is kept.

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
    opportunities being refreshed (changed, new or gone), which the model then inserts anew.
-#}
{% macro delete_refreshed_opportunities() -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where opportunity_id in (
            select refresh.opportunity_id from {{ ref('partner_attribution', 'int_opportunities_to_refresh') }} as refresh
        )
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
    What the by-opportunity models were built under, beyond the data: the definition vars
    (as_of_date is not one: it moves opportunities' fingerprints instead) and the version of
    the by-opportunity logic, to be raised by a change to these models that alters their rows
    for the same input. A build that finds a different definition than the last one stops:
    incremental rows would mix both.
-#}
{% macro incremental_definition() -%}
    {%- set definition = {'by_opportunity_logic_version': 1} -%}
    {%- for name in ['attribution_lookback_days', 'post_close_window_days', 'sourcing_lookback_days',
                     'sourcing_grace_days', 'sourcing_requires_qualification', 'sourcing_exclude_us_funded',
                     'sourcing_tie_breaker', 'sourcing_trust_crm_field', 'sourceable_opportunity_types',
                     'time_decay_half_life_days', 'partner_led_regions', 'reporting_currency',
                     'custom_attribution_models'] -%}
        {%- do definition.update({name: partner_var(name)}) -%}
    {%- endfor -%}
    {{ return(definition) }}
{%- endmacro %}
