{#-
    The opportunities this run refreshes in the by-opportunity models (docs/incremental.md):
    on an incremental run, those whose input fingerprint differs from the one the last build
    applied (int_opportunity_build_state), appeared since, or are gone (deleted, or no longer
    created on or before as_of_date); on a first or full-refresh build, every opportunity, as
    new.
    Before anything is refreshed it checks that the definition (the vars in
    incremental_definition() and the activity_types seed) is the one the last build used:
    rows built under another definition cannot be mixed with new ones, so a changed definition
    stops the run and asks for --full-refresh, naming what changed.
-#}
-- depends_on: {{ ref('partner_attribution', 'partner_attribution__activity_types') }}
{{ config(enabled=incremental_by_opportunity()) }}
{%- set state = none -%}
{%- if execute and not flags.FULL_REFRESH -%}
    {%- set state = adapter.get_relation(
        database=this.database, schema=this.schema, identifier='int_opportunity_build_state') -%}
    {%- if state is none -%}
        {#- by-opportunity rows without the state they were built from: deleted opportunities
            could not be found, so only a full refresh can be trusted -#}
        {%- for node in graph.nodes.values()
                if node.resource_type == 'model' and node.name == 'fct_partner_attribution' -%}
            {%- if adapter.get_relation(database=node.database, schema=node.schema, identifier=node.alias) -%}
                {{ exceptions.raise_compiler_error(
                    "The by-opportunity models exist but their build state (" ~ this.schema
                    ~ ".int_opportunity_build_state) does not, so an incremental run cannot tell which "
                    ~ "opportunities changed or were deleted. Run `dbt build --full-refresh` once.") }}
            {%- endif -%}
        {%- endfor -%}
    {%- else -%}
        {%- set current = incremental_definition() -%}
        {%- set stored = run_query(
            'select distinct definition, activity_types_fingerprint from ' ~ state) -%}
        {%- set seed_now = run_query(
            'select cast(sum(hash(activity_types)) as ' ~ dbt.type_string() ~ ') from '
            ~ ref('partner_attribution', 'partner_attribution__activity_types') ~ ' as activity_types').columns[0].values()[0] -%}
        {%- set changes = [] -%}
        {%- for row in stored.rows -%}
            {%- set previous = fromjson(row[0]) -%}
            {%- for name in (current.keys() | list + previous.keys() | list) | unique | sort -%}
                {%- if current.get(name) != previous.get(name) -%}
                    {%- do changes.append('var ' ~ name ~ ' was ' ~ tojson(previous.get(name))
                        ~ ', is now ' ~ tojson(current.get(name))) -%}
                {%- endif -%}
            {%- endfor -%}
            {%- if row[1] != seed_now -%}
                {%- do changes.append('the activity_types seed changed') -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if changes -%}
            {{ exceptions.raise_compiler_error(
                "The definition changed since the last build: " ~ changes | unique | join('; ')
                ~ ". The touch facts and the attribution are incremental, and rows built under the old "
                ~ "definition would be kept beside new ones. Run `dbt build --full-refresh` to rebuild "
                ~ "them under the new definition.") }}
        {%- endif -%}
    {%- endif -%}
{%- endif %}
{#- a first or full-refresh build reads no state: no fingerprint was applied before -#}
{%- set previous_state = state if state is not none else
    '(select cast(null as ' ~ dbt.type_string() ~ ') as opportunity_id, cast(null as '
    ~ dbt.type_string() ~ ') as input_fingerprint where false) as no_state' %}
with

fingerprints as (
    select * from {{ ref('partner_attribution', 'int_opportunity_input_fingerprints') }}
),

previous as (
    select
        opportunity_id,
        input_fingerprint
    from {{ previous_state }}
),

final as (
    select
        coalesce(fingerprints.opportunity_id, previous.opportunity_id) as opportunity_id,
        case
            when previous.opportunity_id is null then 'new'
            when fingerprints.opportunity_id is null then 'gone'
            else 'changed'
        end as refresh_reason
    from fingerprints
    full outer join previous
        on fingerprints.opportunity_id = previous.opportunity_id
    where fingerprints.input_fingerprint is distinct from previous.input_fingerprint
)

select * from final
