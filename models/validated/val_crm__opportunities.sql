with

checked as (
    select * from {{ ref('partner_attribution', 'val_crm__opportunities_checked') }}
),

final as (
    select
        opportunity_id,
        account_id,
        opportunity_name,
        opportunity_type,
        stage,
        amount,
        currency,
        created_at,
        closed_at,
        is_won,
        -- a partner field naming no known partner is treated as empty (spec "Bad input");
        -- the warning test on val_crm__opportunities_checked names those rows
        case when is_known_sourced_partner then sourced_partner_id end as sourced_partner_id,
        case when is_known_reseller_partner then reseller_partner_id end as reseller_partner_id,
        lead_source
    from checked
    where rejection_reason is null
)

select * from final
