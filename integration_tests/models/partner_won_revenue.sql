-- a host model built on the package's marts, as a data team would: won revenue by partner name
with

attribution as (
    select * from {{ ref('partner_attribution', 'partner_attribution__fct_partner_attribution') }}
),

partners as (
    select * from {{ ref('partner_attribution', 'partner_attribution__dim_partners') }}
),

final as (
    select
        partners.partner_name,
        sum(attribution.attributed_revenue) as attributed_revenue
    from attribution
    inner join partners on attribution.partner_id = partners.partner_id
    where attribution.attribution_model = 'linear'
    group by partners.partner_name
)

select * from final
