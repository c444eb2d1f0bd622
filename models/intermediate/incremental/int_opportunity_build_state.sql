{#-
    What the last build of the by-opportunity models applied (docs/incremental.md): one row
    per opportunity with the input fingerprint its rows were computed from, and the definition
    they were computed under (incremental_definition(), derived from the code, seeds and vars:
    the same JSON on every row). Built after every by-opportunity model (the depends_on lines),
    so it moves on only once they are all written; a run that fails before it leaves the old
    state, and the next run refreshes the same opportunities again.
    int_opportunities_to_refresh reads it by name, not by ref: it is the previous run's state.
-#}
-- depends_on: {{ ref('partner_attribution', 'int_opportunity_levels') }}
-- depends_on: {{ ref('partner_attribution', 'int_partner_attribution_credit') }}
-- depends_on: {{ ref('partner_attribution', 'int_touches_linked_to_opportunities') }}
{{ config(enabled=incremental_by_opportunity()) }}
with

fingerprints as (
    select * from {{ ref('partner_attribution', 'int_opportunity_input_fingerprints') }}
),

final as (
    select
        fingerprints.opportunity_id,
        fingerprints.input_fingerprint,
        cast('{{ tojson(incremental_definition(), sort_keys=true) | replace("'", "''") }}' as {{ dbt.type_string() }})
            as definition
    from fingerprints
)

select * from final
