{#-
    The rules of crm_table_rules for HubSpot: every row of every HubSpot table lands or is left
    out here (docs/crm_sources.md, "What is left out"), as [condition, rule] pairs. The
    subqueries read the other tables with their deletion flags only (not their own rules, which
    read this table back), each id list without nulls. The conditions hold `in (subquery)`
    inside a CASE, which DuckDB and PostgreSQL accept; Spark does not build HubSpot.
-#}
{% macro hubspot_table_rules(table, alias) -%}
    {%- set crm = 'hubspot' -%}
    {%- set rules = [] -%}
    {%- set details = ['engagement_call', 'engagement_email', 'engagement_meeting', 'engagement_note',
        'engagement_task'] -%}
    {%- set deleted = {} -%}
    {%- for other in ['company', 'deal', 'engagement', 'engagement_company'] + details -%}
        {%- set flags = [] -%}
        {%- for flag in ['is_deleted', 'fivetran_deleted'] if crm_fields(crm, other).get(flag) is not none -%}
            {%- do flags.append('coalesce(' ~ parse_boolean(('rule_' ~ other ~ '.' ~ flag))
                ~ ', false)') -%}
        {%- endfor -%}
        {%- do deleted.update({other: '(' ~ (flags | join(' or ') if flags else 'false') ~ ')'}) -%}
    {%- endfor -%}
    {%- set ids = {
        'company': 'rule_company.account_id',
        'deal': 'rule_deal.opportunity_id',
        'engagement': 'rule_engagement.activity_id',
        'engagement_company': 'rule_engagement_company.activity_id',
    } -%}
    {%- set q = {} -%}
    {%- if table in ['engagement', 'engagement_company', 'engagement_deal', 'deal_company'] + details -%}
        {%- do q.update({'live_companies': 'select ' ~ ids['company'] ~ ' from '
            ~ crm_table(crm, 'company', 'rule_company') ~ ' where not ' ~ deleted['company']
            ~ ' and ' ~ ids['company'] ~ ' is not null'}) -%}
        {%- do q.update({'partner_companies': q['live_companies'] ~ ' and ' ~ crm_value_in(
            'rule_company.partner_flag', var('hubspot_partner_company_values'),
            'hubspot_partner_company_values')}) -%}
    {%- endif -%}
    {%- if table in ['engagement', 'engagement_company', 'engagement_deal'] + details -%}
        {#- v3: an engagement is deleted where its per-type row is (the engagement table has no flag) -#}
        {%- set deleted_details = [] -%}
        {%- for detail in details -%}
            {%- set detail_id = ('rule_' ~ detail ~ '.activity_id') -%}
            {%- do deleted_details.append('select ' ~ detail_id ~ ' from '
                ~ crm_table(crm, detail, 'rule_' ~ detail) ~ ' where ' ~ deleted[detail]
                ~ ' and ' ~ detail_id ~ ' is not null') -%}
        {%- endfor -%}
        {%- do q.update({'deleted_details': deleted_details | join(' union all ')}) -%}
        {%- do q.update({'landed_engagements': 'select ' ~ ids['engagement'] ~ ' from '
            ~ crm_table(crm, 'engagement', 'rule_engagement') ~ ' where ' ~ ids['engagement'] ~ ' is not null'}) -%}
        {%- do q.update({'live_engagements': q['landed_engagements'] ~ ' and not ' ~ deleted['engagement']
            ~ ' and ' ~ ids['engagement'] ~ ' not in (' ~ q['deleted_details'] ~ ')'}) -%}
        {%- do q.update({'partner_engagements': 'select ' ~ ids['engagement_company'] ~ ' from '
            ~ crm_table(crm, 'engagement_company', 'rule_engagement_company') ~ ' where not '
            ~ deleted['engagement_company'] ~ ' and ' ~ ids['engagement_company'] ~ ' is not null and '
            ~ 'rule_engagement_company.account_id'
            ~ ' in (' ~ q['partner_companies'] ~ ')'}) -%}
    {%- endif -%}
    {%- if table in ['engagement_deal', 'deal_company', 'deal_property_history'] -%}
        {%- set deals = 'select ' ~ ids['deal'] ~ ' from ' ~ crm_table(crm, 'deal', 'rule_deal')
            ~ ' where ' ~ ids['deal'] ~ ' is not null and ' -%}
        {%- do q.update({'live_deals': deals ~ 'not ' ~ deleted['deal'], 'deleted_deals': deals ~ deleted['deal']}) -%}
    {%- endif -%}
    {%- set is_in = 'coalesce({x} in ({q}), false)' -%}

    {%- if table == 'engagement' -%}
        {%- set engagement_id = (alias ~ '.activity_id') -%}
        {%- do rules.append([is_in | replace('{q}', q['deleted_details']) | replace('{x}', engagement_id),
            'deleted']) -%}
        {#- the sales team's own calls, meetings ...: no partner company on them -#}
        {%- do rules.append(['not ' ~ is_in | replace('{q}', q['partner_engagements']) | replace('{x}', engagement_id),
            'not a partner activity']) -%}
    {%- elif table in details -%}
        {#- a v3 row is deleted by its own flag (crm_left_out_rule); a legacy row with its engagement -#}
        {%- set engagement_id = (alias ~ '.activity_id') -%}
        {%- for subquery, rule in [
                ['landed_engagements', 'engagement not landed'], ['live_engagements', 'deleted'],
                ['partner_engagements', 'not a partner activity']] -%}
            {%- do rules.append(['not ' ~ is_in | replace('{q}', q[subquery]) | replace('{x}', engagement_id), rule]) -%}
        {%- endfor -%}
    {%- elif table in ['engagement_company', 'engagement_deal', 'deal_company'] -%}
        {%- set linked = {
            'engagement_company': [['activity_id', 'live_engagements'], ['account_id', 'live_companies']],
            'engagement_deal': [['activity_id', 'live_engagements'], ['opportunity_id', 'live_deals']],
            'deal_company': [['opportunity_id', 'live_deals'], ['account_id', 'live_companies']],
        }[table] -%}
        {%- set to_nothing = [] -%}
        {%- for column, subquery in linked -%}
            {%- do to_nothing.append('not ' ~ is_in | replace('{q}', q[subquery])
                | replace('{x}', (alias ~ '.' ~ column))) -%}
        {%- endfor -%}
        {#- a link to a deleted or unknown engagement, deal or company -#}
        {%- do rules.append([to_nothing | join(' or '), 'association to nothing']) -%}
        {%- if table == 'deal_company' -%}
            {#- a partner on a deal carries no date to place it in the windows: log an engagement -#}
            {%- do rules.append([is_in | replace('{q}', q['partner_companies'])
                | replace('{x}', (alias ~ '.account_id')), 'link to a partner company (no date)']) -%}
        {%- else -%}
            {%- do rules.append(['not ' ~ is_in | replace('{q}', q['partner_engagements'])
                | replace('{x}', (alias ~ '.activity_id')), 'not a partner activity']) -%}
        {%- endif -%}
    {%- elif table == 'deal_property_history' -%}
        {%- do rules.append(['not coalesce(lower(trim(' ~ (alias ~ '.property')
            ~ ")) = 'dealstage', false)", 'not a dealstage change']) -%}
        {%- do rules.append([is_in | replace('{q}', q['deleted_deals'])
            | replace('{x}', (alias ~ '.opportunity_id')), 'history of a deleted deal']) -%}
    {%- endif -%}
    {{ return(rules) }}
{%- endmacro %}
