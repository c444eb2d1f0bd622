{#-
    Time-decay attribution: weight proportional to 2^(-(end(o) - occurred_at) / half_life),
    normalised over the opportunity's attribution touches. days_before_end is exact
    (seconds / 86400). To stay finite for old touches the exponent is taken relative to the
    opportunity's latest touch (min_days_before_end), which cancels in the normalisation.
    Pass the result through a window sum: weight = decay / sum(decay) over the opportunity.
-#}
{% macro attribution_time_decay_factor(days_before_end='days_before_end', min_days_before_end='min_days_before_end',
                                       half_life_days=none) -%}
    {%- set half_life = half_life_days if half_life_days is not none else partner_var('time_decay_half_life_days') -%}
    power(2.0, -({{ days_before_end }} - {{ min_days_before_end }}) / {{ half_life }})
{%- endmacro %}
