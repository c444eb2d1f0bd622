-- How much won revenue does each partner get under each attribution model? Where the models
-- disagree most, the credit depends on what we assume rather than on what partners did.
with

attribution as (
    select * from {{ ref('partner_attribution', 'partner_attribution__fct_partner_attribution') }}
),

by_partner as (
    select
        partner_id,
        attribution_model,
        sum(attributed_revenue) as attributed_revenue
    from attribution
    group by
        partner_id,
        attribution_model
),

final as (
    select
        partner_id,
        min(attributed_revenue) as lowest_attributed_revenue,
        max(attributed_revenue) as highest_attributed_revenue,
        max(attributed_revenue) - min(attributed_revenue) as spread,
        sum(case when attribution_model = 'sourced' then attributed_revenue else 0 end) as sourced_revenue,
        sum(case when attribution_model = 'linear' then attributed_revenue else 0 end) as linear_revenue,
        sum(case when attribution_model = 'w_shaped' then attributed_revenue else 0 end) as w_shaped_revenue
    from by_partner
    group by partner_id
)

select * from final
order by spread desc
