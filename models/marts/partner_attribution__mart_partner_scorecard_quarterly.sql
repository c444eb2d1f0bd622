{#-
    The partner scorecard by fiscal quarter, one row per partner and fiscal quarter in which
    something of it happened (a deal it is attached to was created or closed, a touch, an MDF
    campaign, a referral we gave it). Each measure sits in the quarter of its own event:
    pipeline in the quarter the deal was created, revenue in the quarter it closed, touches,
    MDF spend and referrals in the quarter they happened (see int_partner_quarterly_measures).
    The role label and ratios are the quarter's own.
-#}
{{ config(alias='mart_partner_scorecard_quarterly') }}
{%- set double = type_double() -%}
{%- set quarter_start = fiscal_quarter_start_date(
    'quarterly_measures.fiscal_year', 'quarterly_measures.fiscal_quarter') %}

with

partners as (
    select * from {{ ref('partner_attribution', 'partner_attribution__dim_partners') }}
),

quarterly_measures as (
    select * from {{ ref('partner_attribution', 'int_partner_quarterly_measures') }}
),

role_touches as (
    select * from {{ ref('partner_attribution', 'int_partner_role_touches') }}
),

leading_roles as (
    {{ leading_role('role_touches', ['fiscal_year', 'fiscal_quarter']) }}
),

measured as (
    select
        quarterly_measures.partner_id,
        cast(quarterly_measures.fiscal_year as {{ dbt.type_int() }}) as fiscal_year,
        cast(quarterly_measures.fiscal_quarter as {{ dbt.type_int() }}) as fiscal_quarter,
        {{ quarter_start }} as fiscal_quarter_start_date,
        partners.partner_name,
        partners.partner_type,
        partners.tier,
        partners.region as partner_region,
        partners.market_motion,
        cast(coalesce(leading_roles.role_label, 'none') as {{ dbt.type_string() }}) as role_label,
        cast(leading_roles.leading_role as {{ dbt.type_string() }}) as leading_role,
        cast(leading_roles.role_share as {{ double }}) as leading_role_share,
        cast(leading_roles.role_lift as {{ double }}) as leading_role_lift,
        cast(quarterly_measures.attached_opportunities as {{ dbt.type_int() }})
            as attached_opportunities,
        cast(quarterly_measures.attached_amount as {{ type_amount() }}) as attached_amount,
        cast(quarterly_measures.attached_won_opportunities as {{ dbt.type_int() }})
            as attached_won_opportunities,
        cast(quarterly_measures.attached_won_amount as {{ type_amount() }}) as attached_won_amount,
        cast(quarterly_measures.touched_opportunities as {{ dbt.type_int() }}) as touched_opportunities,
        cast(quarterly_measures.touched_amount as {{ type_amount() }}) as touched_amount,
        cast(quarterly_measures.touched_won_opportunities as {{ dbt.type_int() }})
            as touched_won_opportunities,
        cast(quarterly_measures.touched_won_amount as {{ type_amount() }}) as touched_won_amount,
        cast(quarterly_measures.influenced_opportunities as {{ dbt.type_int() }})
            as influenced_opportunities,
        cast(quarterly_measures.influenced_amount as {{ type_amount() }}) as influenced_amount,
        cast(quarterly_measures.influenced_won_opportunities as {{ dbt.type_int() }})
            as influenced_won_opportunities,
        cast(quarterly_measures.influenced_won_amount as {{ type_amount() }}) as influenced_won_amount,
        cast(quarterly_measures.sourced_opportunities as {{ dbt.type_int() }}) as sourced_opportunities,
        cast(quarterly_measures.sourced_amount as {{ type_amount() }}) as sourced_amount,
        cast(quarterly_measures.sourced_won_opportunities as {{ dbt.type_int() }})
            as sourced_won_opportunities,
        cast(quarterly_measures.sourced_won_amount as {{ type_amount() }}) as sourced_won_amount,
        cast(quarterly_measures.resold_opportunities as {{ dbt.type_int() }}) as resold_opportunities,
        cast(quarterly_measures.resold_amount as {{ type_amount() }}) as resold_amount,
        cast(quarterly_measures.resold_won_opportunities as {{ dbt.type_int() }})
            as resold_won_opportunities,
        cast(quarterly_measures.resold_won_amount as {{ type_amount() }}) as resold_won_amount,
        cast(quarterly_measures.deployed_opportunities as {{ dbt.type_int() }})
            as deployed_opportunities,
        cast(quarterly_measures.deployed_amount as {{ type_amount() }}) as deployed_amount,
        cast(quarterly_measures.deployed_won_opportunities as {{ dbt.type_int() }})
            as deployed_won_opportunities,
        cast(quarterly_measures.deployed_won_amount as {{ type_amount() }}) as deployed_won_amount,
        cast(quarterly_measures.partner_led_opportunities as {{ dbt.type_int() }})
            as partner_led_opportunities,
        cast(quarterly_measures.partner_led_amount as {{ type_amount() }}) as partner_led_amount,
        cast(quarterly_measures.partner_led_won_opportunities as {{ dbt.type_int() }})
            as partner_led_won_opportunities,
        cast(quarterly_measures.partner_led_won_amount as {{ type_amount() }})
            as partner_led_won_amount,
        cast(quarterly_measures.attached_closed_opportunities as {{ dbt.type_int() }})
            as attached_closed_opportunities,
        cast(quarterly_measures.attributed_pipeline_first_touch as {{ double }})
            as attributed_pipeline_first_touch,
        cast(quarterly_measures.attributed_revenue_first_touch as {{ double }})
            as attributed_revenue_first_touch,
        cast(quarterly_measures.attributed_pipeline_last_touch as {{ double }})
            as attributed_pipeline_last_touch,
        cast(quarterly_measures.attributed_revenue_last_touch as {{ double }})
            as attributed_revenue_last_touch,
        cast(quarterly_measures.attributed_pipeline_linear as {{ double }})
            as attributed_pipeline_linear,
        cast(quarterly_measures.attributed_revenue_linear as {{ double }}) as attributed_revenue_linear,
        cast(quarterly_measures.attributed_pipeline_position_based as {{ double }})
            as attributed_pipeline_position_based,
        cast(quarterly_measures.attributed_revenue_position_based as {{ double }})
            as attributed_revenue_position_based,
        cast(quarterly_measures.attributed_pipeline_j_shaped as {{ double }})
            as attributed_pipeline_j_shaped,
        cast(quarterly_measures.attributed_revenue_j_shaped as {{ double }})
            as attributed_revenue_j_shaped,
        cast(quarterly_measures.attributed_pipeline_inverse_j as {{ double }})
            as attributed_pipeline_inverse_j,
        cast(quarterly_measures.attributed_revenue_inverse_j as {{ double }})
            as attributed_revenue_inverse_j,
        cast(quarterly_measures.attributed_pipeline_w_shaped as {{ double }})
            as attributed_pipeline_w_shaped,
        cast(quarterly_measures.attributed_revenue_w_shaped as {{ double }})
            as attributed_revenue_w_shaped,
        cast(quarterly_measures.attributed_pipeline_time_decay as {{ double }})
            as attributed_pipeline_time_decay,
        cast(quarterly_measures.attributed_revenue_time_decay as {{ double }})
            as attributed_revenue_time_decay,
        cast(quarterly_measures.attributed_pipeline_sourced as {{ double }})
            as attributed_pipeline_sourced,
        cast(quarterly_measures.attributed_revenue_sourced as {{ double }})
            as attributed_revenue_sourced,
        cast(quarterly_measures.touch_count as {{ dbt.type_int() }}) as touch_count,
        cast(quarterly_measures.touches_sourcing as {{ dbt.type_int() }}) as touches_sourcing,
        cast(quarterly_measures.touches_influence as {{ dbt.type_int() }}) as touches_influence,
        cast(quarterly_measures.touches_bd as {{ dbt.type_int() }}) as touches_bd,
        cast(quarterly_measures.touches_solutions as {{ dbt.type_int() }}) as touches_solutions,
        cast(quarterly_measures.touches_pilot as {{ dbt.type_int() }}) as touches_pilot,
        cast(quarterly_measures.touches_marketing as {{ dbt.type_int() }}) as touches_marketing,
        cast(quarterly_measures.touches_resale as {{ dbt.type_int() }}) as touches_resale,
        cast(quarterly_measures.touches_deployment as {{ dbt.type_int() }}) as touches_deployment,
        cast(quarterly_measures.touches_customer_success as {{ dbt.type_int() }})
            as touches_customer_success,
        cast(quarterly_measures.touches_other_motions as {{ dbt.type_int() }}) as touches_other_motions,
        cast(quarterly_measures.mdf_campaigns as {{ dbt.type_int() }}) as mdf_campaigns,
        cast(quarterly_measures.mdf_spend as {{ type_amount() }}) as mdf_spend,
        cast(quarterly_measures.mdf_influenced_opportunities as {{ dbt.type_int() }})
            as mdf_influenced_opportunities,
        cast(quarterly_measures.mdf_influenced_pipeline as {{ type_amount() }})
            as mdf_influenced_pipeline,
        cast(quarterly_measures.mdf_influenced_won_opportunities as {{ dbt.type_int() }})
            as mdf_influenced_won_opportunities,
        cast(quarterly_measures.mdf_influenced_revenue as {{ type_amount() }})
            as mdf_influenced_revenue,
        cast(quarterly_measures.referrals_given as {{ dbt.type_int() }}) as referrals_given
    from quarterly_measures
    inner join partners
        on quarterly_measures.partner_id = partners.partner_id
    left join leading_roles
        on
            quarterly_measures.partner_id = leading_roles.partner_id
            and quarterly_measures.fiscal_year = leading_roles.fiscal_year
            and quarterly_measures.fiscal_quarter = leading_roles.fiscal_quarter
),

final as (
    -- the quarter's ratios, as mart_partner_scorecard's
    select
        measured.*,
        cast(attached_won_opportunities as {{ double }}) / nullif(attached_closed_opportunities, 0)
            as partner_win_rate,
        cast(touches_sourcing as {{ double }}) / nullif(touch_count, 0) as motion_share_sourcing,
        cast(touches_influence as {{ double }}) / nullif(touch_count, 0) as motion_share_influence,
        cast(touches_bd as {{ double }}) / nullif(touch_count, 0) as motion_share_bd,
        cast(touches_solutions as {{ double }}) / nullif(touch_count, 0) as motion_share_solutions,
        cast(touches_pilot as {{ double }}) / nullif(touch_count, 0) as motion_share_pilot,
        cast(touches_marketing as {{ double }}) / nullif(touch_count, 0) as motion_share_marketing,
        cast(touches_resale as {{ double }}) / nullif(touch_count, 0) as motion_share_resale,
        cast(touches_deployment as {{ double }}) / nullif(touch_count, 0) as motion_share_deployment,
        cast(touches_customer_success as {{ double }}) / nullif(touch_count, 0)
            as motion_share_customer_success,
        cast(touches_other_motions as {{ double }}) / nullif(touch_count, 0) as motion_share_other,
        cast(mdf_influenced_revenue as {{ double }}) / nullif(mdf_spend, 0) as mdf_return,
        cast(referrals_given as {{ double }}) / nullif(sourced_opportunities, 0) as give_get_ratio
    from measured
)

select * from final
