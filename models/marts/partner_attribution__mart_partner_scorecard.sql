{#-
    The partner scorecard, one row per known partner over everything up to as_of_date: who it
    is and its market motion; the role it plays (label from its touches' motions); deals and
    amounts at every level (pipeline by creation, revenue by close); attributed pipeline and
    revenue per attribution model side by side; its motion profile; MDF spend and the revenue
    it reached; and reciprocity (referrals we gave it against deals it sourced for us).
    Partners with no activity have a row of zeros, so the scorecard lists every partner.
    The additive measures are the sums of mart_partner_scorecard_quarterly's (both read
    int_partner_quarterly_measures); the totals of the doubles are exact (exact_sum).
-#}
{{ config(alias='mart_partner_scorecard') }}
{%- set double = type_double() %}

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

partner_totals as (
    select
        partner_id,
        sum(attached_opportunities) as attached_opportunities,
        sum(attached_amount) as attached_amount,
        sum(attached_won_opportunities) as attached_won_opportunities,
        sum(attached_won_amount) as attached_won_amount,
        sum(touched_opportunities) as touched_opportunities,
        sum(touched_amount) as touched_amount,
        sum(touched_won_opportunities) as touched_won_opportunities,
        sum(touched_won_amount) as touched_won_amount,
        sum(influenced_opportunities) as influenced_opportunities,
        sum(influenced_amount) as influenced_amount,
        sum(influenced_won_opportunities) as influenced_won_opportunities,
        sum(influenced_won_amount) as influenced_won_amount,
        sum(sourced_opportunities) as sourced_opportunities,
        sum(sourced_amount) as sourced_amount,
        sum(sourced_won_opportunities) as sourced_won_opportunities,
        sum(sourced_won_amount) as sourced_won_amount,
        sum(resold_opportunities) as resold_opportunities,
        sum(resold_amount) as resold_amount,
        sum(resold_won_opportunities) as resold_won_opportunities,
        sum(resold_won_amount) as resold_won_amount,
        sum(deployed_opportunities) as deployed_opportunities,
        sum(deployed_amount) as deployed_amount,
        sum(deployed_won_opportunities) as deployed_won_opportunities,
        sum(deployed_won_amount) as deployed_won_amount,
        sum(partner_led_opportunities) as partner_led_opportunities,
        sum(partner_led_amount) as partner_led_amount,
        sum(partner_led_won_opportunities) as partner_led_won_opportunities,
        sum(partner_led_won_amount) as partner_led_won_amount,
        sum(attached_closed_opportunities) as attached_closed_opportunities,
        {{ exact_sum('attributed_pipeline_first_touch') }} as attributed_pipeline_first_touch,
        {{ exact_sum('attributed_revenue_first_touch') }} as attributed_revenue_first_touch,
        {{ exact_sum('attributed_pipeline_last_touch') }} as attributed_pipeline_last_touch,
        {{ exact_sum('attributed_revenue_last_touch') }} as attributed_revenue_last_touch,
        {{ exact_sum('attributed_pipeline_linear') }} as attributed_pipeline_linear,
        {{ exact_sum('attributed_revenue_linear') }} as attributed_revenue_linear,
        {{ exact_sum('attributed_pipeline_position_based') }} as attributed_pipeline_position_based,
        {{ exact_sum('attributed_revenue_position_based') }} as attributed_revenue_position_based,
        {{ exact_sum('attributed_pipeline_j_shaped') }} as attributed_pipeline_j_shaped,
        {{ exact_sum('attributed_revenue_j_shaped') }} as attributed_revenue_j_shaped,
        {{ exact_sum('attributed_pipeline_inverse_j') }} as attributed_pipeline_inverse_j,
        {{ exact_sum('attributed_revenue_inverse_j') }} as attributed_revenue_inverse_j,
        {{ exact_sum('attributed_pipeline_w_shaped') }} as attributed_pipeline_w_shaped,
        {{ exact_sum('attributed_revenue_w_shaped') }} as attributed_revenue_w_shaped,
        {{ exact_sum('attributed_pipeline_time_decay') }} as attributed_pipeline_time_decay,
        {{ exact_sum('attributed_revenue_time_decay') }} as attributed_revenue_time_decay,
        {{ exact_sum('attributed_pipeline_sourced') }} as attributed_pipeline_sourced,
        {{ exact_sum('attributed_revenue_sourced') }} as attributed_revenue_sourced,
        sum(touch_count) as touch_count,
        sum(touches_sourcing) as touches_sourcing,
        sum(touches_influence) as touches_influence,
        sum(touches_bd) as touches_bd,
        sum(touches_solutions) as touches_solutions,
        sum(touches_pilot) as touches_pilot,
        sum(touches_marketing) as touches_marketing,
        sum(touches_resale) as touches_resale,
        sum(touches_deployment) as touches_deployment,
        sum(touches_customer_success) as touches_customer_success,
        sum(touches_other_motions) as touches_other_motions,
        sum(mdf_campaigns) as mdf_campaigns,
        sum(mdf_spend) as mdf_spend,
        sum(mdf_influenced_opportunities) as mdf_influenced_opportunities,
        sum(mdf_influenced_pipeline) as mdf_influenced_pipeline,
        sum(mdf_influenced_won_opportunities) as mdf_influenced_won_opportunities,
        sum(mdf_influenced_revenue) as mdf_influenced_revenue,
        sum(referrals_given) as referrals_given
    from quarterly_measures
    group by partner_id
),

partner_role_touches as (
    select
        partner_id,
        partner_role,
        role_priority,
        sum(touches) as touches
    from role_touches
    group by
        partner_id,
        partner_role,
        role_priority
),

leading_roles as (
    {{ leading_role('partner_role_touches') }}
),

measured as (
    select
        partners.partner_id,
        partners.partner_name,
        partners.partner_type,
        partners.tier,
        partners.region as partner_region,
        partners.market_motion,
        cast(coalesce(leading_roles.role_label, 'none') as {{ dbt.type_string() }}) as role_label,
        cast(leading_roles.leading_role as {{ dbt.type_string() }}) as leading_role,
        cast(leading_roles.role_share as {{ double }}) as leading_role_share,
        cast(leading_roles.role_lift as {{ double }}) as leading_role_lift,
        cast(coalesce(partner_totals.attached_opportunities, 0) as {{ dbt.type_int() }})
            as attached_opportunities,
        cast(coalesce(partner_totals.attached_amount, 0) as {{ type_amount() }}) as attached_amount,
        cast(coalesce(partner_totals.attached_won_opportunities, 0) as {{ dbt.type_int() }})
            as attached_won_opportunities,
        cast(coalesce(partner_totals.attached_won_amount, 0) as {{ type_amount() }})
            as attached_won_amount,
        cast(coalesce(partner_totals.touched_opportunities, 0) as {{ dbt.type_int() }})
            as touched_opportunities,
        cast(coalesce(partner_totals.touched_amount, 0) as {{ type_amount() }}) as touched_amount,
        cast(coalesce(partner_totals.touched_won_opportunities, 0) as {{ dbt.type_int() }})
            as touched_won_opportunities,
        cast(coalesce(partner_totals.touched_won_amount, 0) as {{ type_amount() }})
            as touched_won_amount,
        cast(coalesce(partner_totals.influenced_opportunities, 0) as {{ dbt.type_int() }})
            as influenced_opportunities,
        cast(coalesce(partner_totals.influenced_amount, 0) as {{ type_amount() }}) as influenced_amount,
        cast(coalesce(partner_totals.influenced_won_opportunities, 0) as {{ dbt.type_int() }})
            as influenced_won_opportunities,
        cast(coalesce(partner_totals.influenced_won_amount, 0) as {{ type_amount() }})
            as influenced_won_amount,
        cast(coalesce(partner_totals.sourced_opportunities, 0) as {{ dbt.type_int() }})
            as sourced_opportunities,
        cast(coalesce(partner_totals.sourced_amount, 0) as {{ type_amount() }}) as sourced_amount,
        cast(coalesce(partner_totals.sourced_won_opportunities, 0) as {{ dbt.type_int() }})
            as sourced_won_opportunities,
        cast(coalesce(partner_totals.sourced_won_amount, 0) as {{ type_amount() }})
            as sourced_won_amount,
        cast(coalesce(partner_totals.resold_opportunities, 0) as {{ dbt.type_int() }})
            as resold_opportunities,
        cast(coalesce(partner_totals.resold_amount, 0) as {{ type_amount() }}) as resold_amount,
        cast(coalesce(partner_totals.resold_won_opportunities, 0) as {{ dbt.type_int() }})
            as resold_won_opportunities,
        cast(coalesce(partner_totals.resold_won_amount, 0) as {{ type_amount() }}) as resold_won_amount,
        cast(coalesce(partner_totals.deployed_opportunities, 0) as {{ dbt.type_int() }})
            as deployed_opportunities,
        cast(coalesce(partner_totals.deployed_amount, 0) as {{ type_amount() }}) as deployed_amount,
        cast(coalesce(partner_totals.deployed_won_opportunities, 0) as {{ dbt.type_int() }})
            as deployed_won_opportunities,
        cast(coalesce(partner_totals.deployed_won_amount, 0) as {{ type_amount() }})
            as deployed_won_amount,
        cast(coalesce(partner_totals.partner_led_opportunities, 0) as {{ dbt.type_int() }})
            as partner_led_opportunities,
        cast(coalesce(partner_totals.partner_led_amount, 0) as {{ type_amount() }})
            as partner_led_amount,
        cast(coalesce(partner_totals.partner_led_won_opportunities, 0) as {{ dbt.type_int() }})
            as partner_led_won_opportunities,
        cast(coalesce(partner_totals.partner_led_won_amount, 0) as {{ type_amount() }})
            as partner_led_won_amount,
        cast(coalesce(partner_totals.attached_closed_opportunities, 0) as {{ dbt.type_int() }})
            as attached_closed_opportunities,
        cast(coalesce(partner_totals.attributed_pipeline_first_touch, 0) as {{ double }})
            as attributed_pipeline_first_touch,
        cast(coalesce(partner_totals.attributed_revenue_first_touch, 0) as {{ double }})
            as attributed_revenue_first_touch,
        cast(coalesce(partner_totals.attributed_pipeline_last_touch, 0) as {{ double }})
            as attributed_pipeline_last_touch,
        cast(coalesce(partner_totals.attributed_revenue_last_touch, 0) as {{ double }})
            as attributed_revenue_last_touch,
        cast(coalesce(partner_totals.attributed_pipeline_linear, 0) as {{ double }})
            as attributed_pipeline_linear,
        cast(coalesce(partner_totals.attributed_revenue_linear, 0) as {{ double }})
            as attributed_revenue_linear,
        cast(coalesce(partner_totals.attributed_pipeline_position_based, 0) as {{ double }})
            as attributed_pipeline_position_based,
        cast(coalesce(partner_totals.attributed_revenue_position_based, 0) as {{ double }})
            as attributed_revenue_position_based,
        cast(coalesce(partner_totals.attributed_pipeline_j_shaped, 0) as {{ double }})
            as attributed_pipeline_j_shaped,
        cast(coalesce(partner_totals.attributed_revenue_j_shaped, 0) as {{ double }})
            as attributed_revenue_j_shaped,
        cast(coalesce(partner_totals.attributed_pipeline_inverse_j, 0) as {{ double }})
            as attributed_pipeline_inverse_j,
        cast(coalesce(partner_totals.attributed_revenue_inverse_j, 0) as {{ double }})
            as attributed_revenue_inverse_j,
        cast(coalesce(partner_totals.attributed_pipeline_w_shaped, 0) as {{ double }})
            as attributed_pipeline_w_shaped,
        cast(coalesce(partner_totals.attributed_revenue_w_shaped, 0) as {{ double }})
            as attributed_revenue_w_shaped,
        cast(coalesce(partner_totals.attributed_pipeline_time_decay, 0) as {{ double }})
            as attributed_pipeline_time_decay,
        cast(coalesce(partner_totals.attributed_revenue_time_decay, 0) as {{ double }})
            as attributed_revenue_time_decay,
        cast(coalesce(partner_totals.attributed_pipeline_sourced, 0) as {{ double }})
            as attributed_pipeline_sourced,
        cast(coalesce(partner_totals.attributed_revenue_sourced, 0) as {{ double }})
            as attributed_revenue_sourced,
        cast(coalesce(partner_totals.touch_count, 0) as {{ dbt.type_int() }}) as touch_count,
        cast(coalesce(partner_totals.touches_sourcing, 0) as {{ dbt.type_int() }}) as touches_sourcing,
        cast(coalesce(partner_totals.touches_influence, 0) as {{ dbt.type_int() }})
            as touches_influence,
        cast(coalesce(partner_totals.touches_bd, 0) as {{ dbt.type_int() }}) as touches_bd,
        cast(coalesce(partner_totals.touches_solutions, 0) as {{ dbt.type_int() }})
            as touches_solutions,
        cast(coalesce(partner_totals.touches_pilot, 0) as {{ dbt.type_int() }}) as touches_pilot,
        cast(coalesce(partner_totals.touches_marketing, 0) as {{ dbt.type_int() }})
            as touches_marketing,
        cast(coalesce(partner_totals.touches_resale, 0) as {{ dbt.type_int() }}) as touches_resale,
        cast(coalesce(partner_totals.touches_deployment, 0) as {{ dbt.type_int() }})
            as touches_deployment,
        cast(coalesce(partner_totals.touches_customer_success, 0) as {{ dbt.type_int() }})
            as touches_customer_success,
        cast(coalesce(partner_totals.touches_other_motions, 0) as {{ dbt.type_int() }})
            as touches_other_motions,
        cast(coalesce(partner_totals.mdf_campaigns, 0) as {{ dbt.type_int() }}) as mdf_campaigns,
        cast(coalesce(partner_totals.mdf_spend, 0) as {{ type_amount() }}) as mdf_spend,
        cast(coalesce(partner_totals.mdf_influenced_opportunities, 0) as {{ dbt.type_int() }})
            as mdf_influenced_opportunities,
        cast(coalesce(partner_totals.mdf_influenced_pipeline, 0) as {{ type_amount() }})
            as mdf_influenced_pipeline,
        cast(coalesce(partner_totals.mdf_influenced_won_opportunities, 0) as {{ dbt.type_int() }})
            as mdf_influenced_won_opportunities,
        cast(coalesce(partner_totals.mdf_influenced_revenue, 0) as {{ type_amount() }})
            as mdf_influenced_revenue,
        cast(coalesce(partner_totals.referrals_given, 0) as {{ dbt.type_int() }}) as referrals_given
    from partners
    left join partner_totals
        on partners.partner_id = partner_totals.partner_id
    left join leading_roles
        on partners.partner_id = leading_roles.partner_id
),

final as (
    -- the ratios, over the measures as published (each empty when its denominator is 0);
    -- measured.* rather than the 75 columns again: they are named once, just above
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
