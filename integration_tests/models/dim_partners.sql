-- the host's own dim_partners: a different grain and columns from the package's
select
    account_id as partner_id,
    account_name as partner_label
from {{ source("crm", "accounts") }}
-- depends_on: {{ ref("accounts") }}
