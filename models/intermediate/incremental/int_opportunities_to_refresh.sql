{#-
    The opportunities this run refreshes in the by-opportunity models (docs/incremental.md):
    on an incremental run, those whose input fingerprint differs from the one the last build
    applied (int_opportunity_build_state), appeared since, or are gone (deleted, or no longer
    created on or before as_of_date); on a first or full-refresh build, every opportunity, as
    new.
    When the definition is not the one the last build stored (incremental_definition(): the
    SQL of the by-opportunity models, the macros they call, the seeds and the vars they read)
    every opportunity is refreshed, as `definition changed`, and the models' pre-hook deletes
    all their rows: rows built under two definitions are never mixed. The run log names what
    changed.
-#}
{{ config(enabled=incremental_by_opportunity()) }}
{%- set state = none -%}
{%- set definition_changed = false -%}
{%- if execute and not flags.FULL_REFRESH -%}
    {%- set state = adapter.get_relation(
        database=this.database, schema=this.schema, identifier='int_opportunity_build_state') -%}
    {%- if state is none -%}
        {#- by-opportunity rows without the state they were built from: deleted opportunities
            could not be found, so only a full refresh can be trusted -#}
        {%- for node in graph.nodes.values()
                if node.resource_type == 'model' and node.name == 'int_partner_attribution_credit' -%}
            {%- if adapter.get_relation(database=node.database, schema=node.schema, identifier=node.alias) -%}
                {{ exceptions.raise_compiler_error(
                    "The by-opportunity models exist but their build state (" ~ this.schema
                    ~ ".int_opportunity_build_state) does not, so an incremental run cannot tell which "
                    ~ "opportunities changed or were deleted. Run `dbt build --full-refresh` once.") }}
            {%- endif -%}
        {%- endfor -%}
    {%- else -%}
        {#- compared as JSON both sides, so that a list is a list whichever way it was read -#}
        {%- set current = fromjson(tojson(incremental_definition())) -%}
        {%- set stored = run_query('select distinct definition from ' ~ state) -%}
        {%- set changes = [] -%}
        {%- for row in stored.rows -%}
            {%- set previous = fromjson(row[0]) if row[0] else {} -%}
            {%- for name in (current.keys() | list + previous.keys() | list) | unique | sort
                    if current.get(name) != previous.get(name) -%}
                {%- if name.startswith('var ') -%}
                    {%- do changes.append(name ~ ' was ' ~ tojson(previous.get(name)) ~ ', is now '
                        ~ tojson(current.get(name))) -%}
                {%- elif name == 'macros' -%}
                    {%- do changes.append('a macro they call') -%}
                {%- else -%}
                    {%- do changes.append(name) -%}
                {%- endif -%}
            {%- endfor -%}
        {%- endfor -%}
        {%- if changes -%}
            {%- set definition_changed = true -%}
            {%- do log("Incremental by opportunity: the definition changed since the last build ("
                ~ changes | unique | join('; ') ~ "): every opportunity is refreshed.", info=true) -%}
        {%- endif -%}
    {%- endif -%}
{%- endif %}
{#- a first or full-refresh build reads no state: no fingerprint was applied before -#}
{%- set has_state = 'true' if state is not none else 'false' %}
{%- set refresh_all = 'true' if definition_changed else 'false' %}
with

fingerprints as (
    select * from {{ ref('partner_attribution', 'int_opportunity_input_fingerprints') }}
),

previous as (
    select
        opportunity_id,
        input_fingerprint
    from {{ state if state is not none else ref('partner_attribution', 'int_opportunity_input_fingerprints') }}
    where {{ has_state }}
),

final as (
    select
        coalesce(fingerprints.opportunity_id, previous.opportunity_id) as opportunity_id,
        case
            when fingerprints.opportunity_id is null then 'gone'
            when {{ refresh_all }} then 'definition changed'
            when previous.opportunity_id is null then 'new'
            else 'changed'
        end as refresh_reason
    from fingerprints
    full outer join previous
        on fingerprints.opportunity_id = previous.opportunity_id
    where {{ refresh_all }} or fingerprints.input_fingerprint is distinct from previous.input_fingerprint
)

select * from final
