-- A partner path never repeats a partner at consecutive steps, and its steps run 1..path_length
-- without a gap. Returns each step that breaks either.
with

paths as (
    select * from {{ ref('partner_attribution', 'int_partner_paths') }}
),

with_next as (
    select
        opportunity_id,
        path_step,
        path_length,
        partner_id,
        lead(partner_id) over (partition by opportunity_id order by path_step) as next_partner_id,
        count(*) over (partition by opportunity_id) as steps,
        max(path_step) over (partition by opportunity_id) as last_step
    from paths
)

select *
from with_next
where
    partner_id = next_partner_id
    or steps <> path_length
    or last_step <> path_length
    or path_step < 1
