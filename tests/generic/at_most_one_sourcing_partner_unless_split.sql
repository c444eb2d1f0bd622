{#-
    An opportunity has at most one sourcing partner, unless the sourcing_tie_breaker is split:
    then each of its k sourcing partners holds exactly 1/k of the credit. Returns each
    opportunity that breaks the rule in force.
-#}
{% test at_most_one_sourcing_partner_unless_split(model) %}

select
    opportunity_id,
    count(*) as sourcing_partner_count,
    min(sourced_credit) as min_credit,
    max(sourced_credit) as max_credit
from {{ model }}
where is_sourced
group by opportunity_id
{%- if partner_var('sourcing_tie_breaker') == 'split' %}
having
    abs(min(sourced_credit) - 1.0 / count(*)) > 1e-9
    or abs(max(sourced_credit) - 1.0 / count(*)) > 1e-9
{%- else %}
having count(*) > 1
{%- endif %}

{% endtest %}
