{#-
    For every won opportunity with at least one attribution touch, and every touch-based
    attribution model, the revenue attributed over its partners equals the deal's amount
    (relative tolerance). Returns each opportunity and model that is missing or off.
    model: fct_partner_attribution; opportunities: with opportunity_id, is_won, amount;
    attribution_touches: with opportunity_id, one row per attribution touch.
-#}
{% test attributed_revenue_equals_won_amount(model, opportunities, attribution_touches, tolerance=1e-9) %}

{%- set touch_models = attribution_models() | map(attribute='name') | list %}

with

won_with_touches as (
    select distinct
        opportunities.opportunity_id,
        opportunities.amount
    from {{ opportunities }} as opportunities
    inner join {{ attribution_touches }} as attribution_touches
        on opportunities.opportunity_id = attribution_touches.opportunity_id
    where opportunities.is_won
),

touch_models as (
    {%- for name in touch_models %}
    select '{{ name }}' as attribution_model
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

expected as (
    select
        won_with_touches.opportunity_id,
        won_with_touches.amount,
        touch_models.attribution_model
    from won_with_touches
    cross join touch_models
),

actual as (
    select
        opportunity_id,
        attribution_model,
        count(*) as partner_rows,
        sum(attributed_revenue) as attributed_revenue
    from {{ model }}
    group by
        opportunity_id,
        attribution_model
),

final as (
    select
        expected.opportunity_id,
        expected.attribution_model,
        expected.amount,
        actual.attributed_revenue
    from expected
    left join actual
        on
            expected.opportunity_id = actual.opportunity_id
            and expected.attribution_model = actual.attribution_model
    where
        actual.partner_rows is null
        or (actual.attributed_revenue is null) <> (expected.amount is null)
        or abs(actual.attributed_revenue - expected.amount)
        > {{ tolerance }} * (case when abs(expected.amount) > 1 then abs(expected.amount) else 1 end)
)

select * from final

{% endtest %}
