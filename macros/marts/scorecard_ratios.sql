{#-
    The scorecard's ratios, as select-list expressions over its additive measures (macro
    scorecard_measures), the same for a partner's whole history and for one quarter. Each is
    empty when its denominator is zero.
    * attached_win_rate: won / closed of the deals the partner is attached to;
    * motion_share_<motion>: the share of the partner's touches in that motion (with
      motion_share_other for motions the scorecard does not list, they add up to 1);
    * mdf_return: the revenue of won deals its MDF-funded touches reached, per unit of MDF
      spend;
    * give_get_ratio: referrals we gave the partner per deal it sourced for us.
-#}
{% macro scorecard_ratios() -%}
    {%- set double = type_double() -%}
    {%- set ratios = [
        'cast(attached_won_opportunities as ' ~ double ~ ') / nullif(attached_closed_opportunities, 0)'
            ~ ' as attached_win_rate',
    ] -%}
    {%- for motion in scorecard_motions() + ['other_motions'] -%}
        {%- do ratios.append('cast(touches_' ~ motion ~ ' as ' ~ double ~ ') / nullif(touch_count, 0) as motion_share_'
            ~ (motion if motion != 'other_motions' else 'other')) -%}
    {%- endfor -%}
    {%- do ratios.append('cast(mdf_influenced_revenue as ' ~ double ~ ') / nullif(mdf_spend, 0) as mdf_return') -%}
    {%- do ratios.append('cast(referrals_given as ' ~ double ~ ') / nullif(sourced_opportunities, 0) as give_get_ratio') -%}
    {{ return(ratios) }}
{%- endmacro %}
