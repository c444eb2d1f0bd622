{#-
    The additive measures of the partner scorecard, in the order its marts show them: a list of
    (name, kind), kind being count, amount (reporting currency) or double. Each one sums over
    fiscal quarters, so int_partner_quarterly_measures computes them once per partner and
    quarter, and the per-partner and per-quarter marts both add them up from there.
    Attribution covers the built-in models and `sourced`; custom position models are in
    mart_partner_attribution_by_model.
-#}
{% macro scorecard_measures() -%}
    {%- set measures = [] -%}
    {%- for level, flag in partner_levels() -%}
        {%- do measures.append((level ~ '_opportunities', 'count')) -%}
        {%- do measures.append((level ~ '_amount', 'amount')) -%}
        {%- do measures.append((level ~ '_won_opportunities', 'count')) -%}
        {%- do measures.append((level ~ '_won_amount', 'amount')) -%}
    {%- endfor -%}
    {%- do measures.append(('attached_closed_opportunities', 'count')) -%}
    {%- for model in scorecard_attribution_models() -%}
        {%- do measures.append(('attributed_pipeline_' ~ model, 'double')) -%}
        {%- do measures.append(('attributed_revenue_' ~ model, 'double')) -%}
    {%- endfor -%}
    {%- do measures.append(('touch_count', 'count')) -%}
    {%- for motion in scorecard_motions() -%}
        {%- do measures.append(('touches_' ~ motion, 'count')) -%}
    {%- endfor -%}
    {%- do measures.append(('touches_other_motions', 'count')) -%}
    {%- do measures.append(('mdf_campaigns', 'count')) -%}
    {%- do measures.append(('mdf_spend', 'amount')) -%}
    {%- do measures.append(('mdf_influenced_opportunities', 'count')) -%}
    {%- do measures.append(('mdf_influenced_pipeline', 'amount')) -%}
    {%- do measures.append(('mdf_influenced_won_opportunities', 'count')) -%}
    {%- do measures.append(('mdf_influenced_revenue', 'amount')) -%}
    {%- do measures.append(('referrals_given', 'count')) -%}
    {{ return(measures) }}
{%- endmacro %}


{#-
    The select-list that adds up the scorecard measures over rows of them: `sum(<name>) as <name>`
    for each, the doubles (attributed amounts) summed exactly (exact_sum) so that every build
    gives the same digits.
-#}
{% macro scorecard_measure_sums() -%}
    {%- set sums = [] -%}
    {%- for name, kind in scorecard_measures() -%}
        {%- do sums.append((exact_sum(name) if kind == 'double' else 'sum(' ~ name ~ ')') ~ ' as ' ~ name) -%}
    {%- endfor -%}
    {{ return(sums) }}
{%- endmacro %}
