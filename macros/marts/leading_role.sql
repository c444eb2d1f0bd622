{#-
    A select of each partner's role label, from a relation (or CTE) of role touches with
    columns partner_id, the period_columns, partner_role, role_priority and touches.
    * role_share: the share of the partner's touches (in the period) in the role;
    * role_lift: role_share divided by the role's share of all partners' touches in the
      period: how much more than the average partner this partner plays the role. Lift, not
      share, picks the label, because a few motions (co-selling meetings, account mapping)
      fill most partners' calendars and would otherwise give nearly everyone the same label.
    * leading_role: the role with the highest lift (ties: more touches, lower role_priority,
      then role name); role_label is it when its lift is at least var role_label_min_lift,
      else 'mixed' (the partner does nothing notably more than the average partner).
    One row per partner and period with touches (the marts say 'none' for the others).
-#}
{% macro leading_role(role_touches, period_columns=[]) -%}
    {%- if period_columns is string -%}
        {{ exceptions.raise_compiler_error(
            "leading_role: period_columns must be a list of column names, e.g. ['fiscal_year', 'fiscal_quarter'].") }}
    {%- endif -%}
    {%- set partner_partition = (['partner_id'] + period_columns) | join(', ') -%}
    {#- in a select list, one column a line (sqlfluff's layout.select_targets); joined per depth -#}
    {%- set partner_columns = ['partner_id'] + period_columns -%}
    {%- set period_partition = ('partition by ' ~ period_columns | join(', ')) if period_columns else '' -%}
    {%- set double = type_double() -%}
    select
        {{ partner_columns | join(',\n        ') }},
        partner_role as leading_role,
        role_share,
        role_lift,
        case
            when role_lift >= {{ partner_var('role_label_min_lift') }} then partner_role
            else 'mixed'
        end as role_label
    from (
        select
            {{ partner_columns | join(',\n            ') }},
            partner_role,
            role_share,
            role_share / ecosystem_role_share as role_lift,
            row_number() over (
                partition by {{ partner_partition }}
                {#- every direction written out (sqlfluff's ambiguous.order_by); asc is the default #}
                order by
                    role_share / ecosystem_role_share desc, touches desc,
                    role_priority asc, {{ binary_order('partner_role') }} asc
            ) as role_rank
        from (
            select
                {{ partner_columns | join(',\n                ') }},
                partner_role,
                role_priority,
                touches,
                cast(touches as {{ double }}) / sum(touches) over (partition by {{ partner_partition }}) as role_share,
                cast(sum(touches) over ({{ period_partition }}{{ ', ' if period_columns else 'partition by ' }}partner_role)
                    as {{ double }})
                / sum(touches) over ({{ period_partition }}) as ecosystem_role_share
            from {{ role_touches }}
        ) as role_shares
    ) as ranked_roles
    where role_rank = 1
{%- endmacro %}
