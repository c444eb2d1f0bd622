{#-
    One row per partner, fiscal quarter and role it played in that quarter's touches: the
    touch's motion (activity_types seed) mapped to a role by the motion_roles seed (sources,
    co-sells, consults, markets, resells, deploys). A motion missing from motion_roles counts
    as role 'unmapped' (and a relationships test on the seed names it). The scorecard labels a
    partner by its leading role (macro leading_role).
-#}
with

touches as (
    select * from {{ ref('partner_attribution', 'int_partner_touches') }}
),

motion_roles as (
    select * from {{ ref('partner_attribution', 'partner_attribution__motion_roles') }}
),

touch_roles as (
    select
        touches.partner_id,
        {{ fiscal_periods('touches.occurred_at') }},
        coalesce(motion_roles.partner_role, 'unmapped') as partner_role,
        coalesce(motion_roles.role_priority, 999) as role_priority
    from touches
    left join motion_roles
        on touches.motion = motion_roles.motion
),

final as (
    select
        partner_id,
        fiscal_year,
        fiscal_quarter,
        partner_role,
        role_priority,
        count(*) as touches
    from touch_roles
    group by
        partner_id,
        fiscal_year,
        fiscal_quarter,
        partner_role,
        role_priority
)

select * from final
