{#-
    The field map of a CRM shape (salesforce, hubspot): for each of its source tables, the
    CRM field that fills each column of the mapping, or none where the CRM has no such field
    (the column is then empty). docs/crm_sources.md is this table in prose. fivetran_deleted
    and is_deleted name the flags of rows deleted in the CRM; Fivetran's association and
    history tables carry none, and HubSpot's deal_pipeline_stage maps none by default: a deleted
    stage still names the stage of deals and history. HubSpot's engagement_call,
    _email, _meeting, _note and _task are the v3 engagements' per-type tables (Fivetran since
    May 2023), keyed by engagement_id, that hold the time and the properties the engagement
    table held before. On Salesforce every table also maps fivetran_active,
    fivetran_start and fivetran_end, the version columns of Fivetran's history mode.
    Which fields may be missing from a landed table, and which name a row, is in
    crm_field_kinds.

    Every field can be renamed with the var <crm>_fields, keyed "<table>.<column>", e.g.
    {salesforce_fields: {opportunity.sourced_partner_id: partner__c, activity.direction: null}}.
    An unknown key stops dbt at parse time, naming the keys it knows.
    Returns the map of one table when `table` is given, else the whole map.
-#}
{% macro crm_fields(crm, table=none) -%}
    {%- set defaults = {
        'salesforce': {
            'account': {
                'account_id': 'id', 'account_name': 'name', 'industry': 'industry', 'region': 'region_c',
                'country': 'billing_country', 'employee_count': 'number_of_employees',
                'created_at': 'created_date', 'partner_type': 'partner_type_c', 'tier': 'partner_tier_c',
                'joined_at': 'created_date', 'partner_flag': 'is_partner', 'is_deleted': 'is_deleted',
                'fivetran_deleted': '_fivetran_deleted',
            },
            'opportunity': {
                'opportunity_id': 'id', 'account_id': 'account_id', 'opportunity_name': 'name',
                'opportunity_type': 'type', 'stage': 'stage_name', 'amount': 'amount',
                'currency': 'currency_iso_code', 'created_at': 'created_date', 'close_date': 'close_date',
                'is_closed': 'is_closed', 'is_won': 'is_won', 'sourced_partner_id': 'sourced_partner_c',
                'reseller_partner_id': 'reseller_partner_c', 'lead_source': 'lead_source',
                'is_deleted': 'is_deleted', 'fivetran_deleted': '_fivetran_deleted',
            },
            'opportunity_partner': {
                'opportunity_partner_id': 'id', 'opportunity_id': 'opportunity_id',
                'partner_id': 'account_to_id', 'role': 'role', 'is_primary': 'is_primary',
                'occurred_at': 'created_date', 'is_deleted': 'is_deleted', 'fivetran_deleted': '_fivetran_deleted',
            },
            'activity': {
                'activity_id': 'id', 'partner_id': 'partner_account_c', 'account_id': 'account_id',
                'opportunity_id': 'what_id', 'activity_type': 'type', 'occurred_at': 'created_date',
                'direction': none, 'status': none, 'is_qualified': none, 'funded_by': none,
                'amount': none, 'notes': 'subject', 'is_deleted': 'is_deleted', 'fivetran_deleted': '_fivetran_deleted',
            },
            'deal_registration': {
                'activity_id': 'id', 'partner_id': 'partner_account_c', 'account_id': 'converted_account_id',
                'opportunity_id': 'converted_opportunity_id', 'occurred_at': 'created_date',
                'status': 'status', 'is_qualified': none, 'notes': 'company', 'filter': 'lead_source',
                'is_deleted': 'is_deleted', 'fivetran_deleted': '_fivetran_deleted',
            },
            'opportunity_history': {
                'opportunity_id': 'opportunity_id', 'stage': 'stage_name', 'amount': 'amount',
                'changed_at': 'created_date', 'is_deleted': 'is_deleted', 'fivetran_deleted': '_fivetran_deleted',
            },
            'dated_conversion_rate': {
                'currency': 'iso_code', 'rate_date': 'start_date', 'conversion_rate': 'conversion_rate',
                'fivetran_deleted': '_fivetran_deleted',
            },
        },
        'hubspot': {
            'company': {
                'account_id': 'id', 'account_name': 'property_name', 'industry': 'property_industry',
                'region': 'property_region', 'country': 'property_country',
                'employee_count': 'property_numberofemployees', 'created_at': 'property_createdate',
                'partner_type': 'property_partner_type', 'tier': 'property_partner_tier',
                'joined_at': 'property_createdate', 'partner_flag': 'property_type', 'is_deleted': 'is_deleted',
                'fivetran_deleted': '_fivetran_deleted',
            },
            'deal': {
                'opportunity_id': 'deal_id', 'opportunity_name': 'property_dealname',
                'opportunity_type': 'property_dealtype', 'stage_id': 'deal_pipeline_stage_id',
                'amount': 'property_amount', 'currency': 'property_deal_currency_code',
                'created_at': 'property_createdate', 'closed_at': 'property_closedate',
                'sourced_partner_id': 'property_sourced_partner_company_id',
                'reseller_partner_id': 'property_reseller_company_id', 'lead_source': none,
                'is_deleted': 'is_deleted', 'fivetran_deleted': '_fivetran_deleted',
            },
            'deal_pipeline_stage': {
                'stage_id': 'stage_id', 'label': 'label', 'is_closed': 'is_closed', 'closed_won': 'closed_won',
                'probability': 'probability', 'fivetran_deleted': none,
            },
            'deal_company': {
                'opportunity_id': 'deal_id', 'account_id': 'company_id', 'type_id': 'type_id', 'fivetran_deleted': none,
            },
            'engagement': {
                'activity_id': 'id', 'type': 'type', 'occurred_at': 'timestamp', 'activity_type': none,
                'direction': none, 'status': none, 'is_qualified': none, 'funded_by': none, 'amount': none,
                'notes': none, 'fivetran_deleted': '_fivetran_deleted',
            },
            'engagement_call': {
                'activity_id': 'engagement_id', 'occurred_at': 'property_hs_timestamp', 'activity_type': none,
                'direction': none, 'status': none, 'is_qualified': none, 'funded_by': none, 'amount': none,
                'notes': none, 'fivetran_deleted': '_fivetran_deleted',
            },
            'engagement_email': {
                'activity_id': 'engagement_id', 'occurred_at': 'property_hs_timestamp', 'activity_type': none,
                'direction': none, 'status': none, 'is_qualified': none, 'funded_by': none, 'amount': none,
                'notes': none, 'fivetran_deleted': '_fivetran_deleted',
            },
            'engagement_meeting': {
                'activity_id': 'engagement_id', 'occurred_at': 'property_hs_timestamp', 'activity_type': none,
                'direction': none, 'status': none, 'is_qualified': none, 'funded_by': none, 'amount': none,
                'notes': none, 'fivetran_deleted': '_fivetran_deleted',
            },
            'engagement_note': {
                'activity_id': 'engagement_id', 'occurred_at': 'property_hs_timestamp', 'activity_type': none,
                'direction': none, 'status': none, 'is_qualified': none, 'funded_by': none, 'amount': none,
                'notes': none, 'fivetran_deleted': '_fivetran_deleted',
            },
            'engagement_task': {
                'activity_id': 'engagement_id', 'occurred_at': 'property_hs_timestamp', 'activity_type': none,
                'direction': none, 'status': none, 'is_qualified': none, 'funded_by': none, 'amount': none,
                'notes': none, 'fivetran_deleted': '_fivetran_deleted',
            },
            'engagement_company': {'activity_id': 'engagement_id', 'account_id': 'company_id', 'fivetran_deleted': none},
            'engagement_deal': {'activity_id': 'engagement_id', 'opportunity_id': 'deal_id', 'fivetran_deleted': none},
            'deal_property_history': {
                'opportunity_id': 'deal_id', 'property': 'name', 'value': 'value', 'changed_at': 'timestamp',
                'fivetran_deleted': none,
            },
            'currency_rates': {
                'currency': 'currency', 'rate_date': 'rate_date', 'rate_to_reporting': 'rate_to_reporting',
                'fivetran_deleted': none,
            },
        },
    } -%}
    {%- if crm not in defaults -%}
        {{ exceptions.raise_compiler_error("crm_fields: unknown CRM '" ~ crm ~ "'; use one of "
            ~ defaults.keys() | list | join(', ')) }}
    {%- endif -%}
    {%- set required = crm_field_kinds(crm)['required'] -%}
    {%- set fields = {} -%}
    {%- for name, columns in defaults[crm].items() -%}
        {%- do fields.update({name: columns.copy()}) -%}
        {#- history mode (Fivetran): every Salesforce table may carry the version columns -#}
        {%- if crm == 'salesforce' -%}
            {%- do fields[name].update({
                'fivetran_active': '_fivetran_active', 'fivetran_start': '_fivetran_start',
                'fivetran_end': '_fivetran_end',
            }) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set overrides = var(crm ~ '_fields', {}) or {} -%}
    {%- if overrides is not mapping -%}
        {{ exceptions.raise_compiler_error("The var " ~ crm ~ "_fields must be a mapping of "
            ~ "'<table>.<column>' to a field name, e.g. {" ~ crm ~ "_fields: {"
            ~ (defaults[crm].keys() | list)[0] ~ ".created_at: my_created_field}}; got " ~ overrides) }}
    {%- endif -%}
    {%- for key, field in overrides.items() -%}
        {%- set parts = key.split('.') -%}
        {%- if parts | length != 2 or parts[0] not in fields or parts[1] not in fields[parts[0]] -%}
            {%- set known = [] -%}
            {%- for name, columns in fields.items() -%}
                {%- for column in columns -%}
                    {%- do known.append(name ~ '.' ~ column) -%}
                {%- endfor -%}
            {%- endfor -%}
            {{ exceptions.raise_compiler_error("The var " ~ crm ~ "_fields has the key '" ~ key
                ~ "', which is not a field of the " ~ crm ~ " mapping. Known keys: " ~ known | join(', ')) }}
        {%- endif -%}
        {%- if field is none and parts[1] in required.get(parts[0], []) -%}
            {{ exceptions.raise_compiler_error("The var " ~ crm ~ "_fields maps '" ~ key ~ "' to null, but the "
                ~ crm ~ " mapping cannot do without that field; give the name of the field that holds it.") }}
        {%- endif -%}
        {%- if field is not none and (field is not string or field | trim == '') -%}
            {{ exceptions.raise_compiler_error("The var " ~ crm ~ "_fields gives '" ~ key ~ "' the value "
                ~ field ~ "; write a column name, or null where the CRM has no such field.") }}
        {%- endif -%}
        {%- do fields[parts[0]].update({parts[1]: (field | trim | lower) if field is not none else none}) -%}
    {%- endfor -%}
    {{ return(fields[table] if table is not none else fields) }}
{%- endmacro %}
