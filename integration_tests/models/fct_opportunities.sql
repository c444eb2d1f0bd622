-- the host's own fct_opportunities
select
    account_id as opportunity_id,
    {{ median('1') }} as host_median
from {{ source("salesforce", "opportunity") }}
-- depends_on: {{ ref("accounts") }}
group by account_id
