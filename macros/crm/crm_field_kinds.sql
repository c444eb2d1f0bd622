{#-
    What the field map (crm_fields) of a CRM shape says of each table's fields:
    * required: fields the mapping cannot do without (keys, links, what tells a partner
      apart): mapping one to null stops dbt at parse time, and a landed table that lacks one
      stops the run, naming it;
    * optional: fields a connector lands only in some orgs or portals (custom fields, the
      deletion flags, history mode's version columns, a multi-currency org's currency): a
      landed table that lacks one reads it as empty (crm_table), and the run logs which were
      not found. A field the user renamed with <crm>_fields is never optional: a name the user
      wrote must be there;
    * key: the fields that name one row of the table (its record_key in the audit of rows left
      out, and the record whose versions history mode keeps apart);
    * flags: the deletion flags and history mode's version columns, optional on every table;
      their absence is how a connector lands a table without them, so the log does not list it.
    Every other mapped field must be in the landed table, as a required one.
-#}
{% macro crm_field_kinds(crm) -%}
    {%- set flags = ['is_deleted', 'fivetran_deleted', 'fivetran_active', 'fivetran_start', 'fivetran_end'] -%}
    {%- set kinds = {
        'salesforce': {
            'required': {
                'account': ['account_id', 'partner_flag'], 'opportunity': ['opportunity_id'],
                'opportunity_partner': ['opportunity_partner_id', 'opportunity_id', 'partner_id', 'role'],
                'activity': ['activity_id', 'partner_id', 'activity_type'],
                'deal_registration': ['activity_id', 'partner_id'], 'opportunity_history': ['opportunity_id'],
                'dated_conversion_rate': ['currency', 'rate_date', 'conversion_rate'],
            },
            'optional': {
                'account': flags + ['region', 'partner_type', 'tier'],
                'opportunity': flags + ['currency', 'sourced_partner_id', 'reseller_partner_id'],
                'opportunity_partner': flags, 'activity': flags, 'deal_registration': flags,
                'opportunity_history': flags, 'dated_conversion_rate': flags,
            },
            'key': {
                'account': ['account_id'], 'opportunity': ['opportunity_id'],
                'opportunity_partner': ['opportunity_partner_id'], 'activity': ['activity_id'],
                'deal_registration': ['activity_id'], 'opportunity_history': ['opportunity_id', 'changed_at'],
                'dated_conversion_rate': ['currency', 'rate_date'],
            },
        },
        'hubspot': {
            'required': {
                'company': ['account_id', 'partner_flag'], 'deal': ['opportunity_id', 'stage_id'],
                'deal_pipeline_stage': ['stage_id'], 'deal_company': ['opportunity_id', 'account_id'],
                'engagement': ['activity_id'], 'engagement_company': ['activity_id', 'account_id'],
                'engagement_deal': ['activity_id', 'opportunity_id'],
                'engagement_call': ['activity_id'], 'engagement_email': ['activity_id'],
                'engagement_meeting': ['activity_id'], 'engagement_note': ['activity_id'],
                'engagement_task': ['activity_id'],
                'deal_property_history': ['opportunity_id', 'property', 'value'],
                'currency_rates': ['currency', 'rate_date', 'rate_to_reporting'],
            },
            'optional': {
                'company': ['is_deleted', 'fivetran_deleted', 'region', 'partner_type', 'tier'],
                'deal': ['is_deleted', 'fivetran_deleted', 'currency', 'sourced_partner_id', 'reseller_partner_id'],
                'deal_pipeline_stage': ['is_closed', 'closed_won', 'probability', 'fivetran_deleted'],
                'deal_company': ['fivetran_deleted', 'type_id'],
                'engagement': ['fivetran_deleted', 'occurred_at'], 'engagement_company': ['fivetran_deleted'],
                'engagement_call': ['fivetran_deleted', 'occurred_at'],
                'engagement_email': ['fivetran_deleted', 'occurred_at'],
                'engagement_meeting': ['fivetran_deleted', 'occurred_at'],
                'engagement_note': ['fivetran_deleted', 'occurred_at'],
                'engagement_task': ['fivetran_deleted', 'occurred_at'],
                'engagement_deal': ['fivetran_deleted'], 'deal_property_history': ['fivetran_deleted'],
                'currency_rates': ['fivetran_deleted'],
            },
            'key': {
                'company': ['account_id'], 'deal': ['opportunity_id'], 'deal_pipeline_stage': ['stage_id'],
                'deal_company': ['opportunity_id', 'account_id', 'type_id'], 'engagement': ['activity_id'],
                'engagement_company': ['activity_id', 'account_id'], 'engagement_deal': ['activity_id', 'opportunity_id'],
                'engagement_call': ['activity_id'], 'engagement_email': ['activity_id'],
                'engagement_meeting': ['activity_id'], 'engagement_note': ['activity_id'],
                'engagement_task': ['activity_id'],
                'deal_property_history': ['opportunity_id', 'property', 'changed_at'],
                'currency_rates': ['currency', 'rate_date'],
            },
        },
    } -%}
    {%- do kinds['salesforce'].update({'flags': flags}) -%}
    {%- do kinds['hubspot'].update({'flags': flags}) -%}
    {%- if crm not in kinds -%}
        {{ exceptions.raise_compiler_error("crm_field_kinds: unknown CRM '" ~ crm ~ "'; use one of "
            ~ kinds.keys() | list | join(', ')) }}
    {%- endif -%}
    {{ return(kinds[crm]) }}
{%- endmacro %}
