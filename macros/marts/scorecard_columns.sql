{#-
    The select-list both partner scorecards share, after their own key columns: the partner's
    attributes (from a relation aliased partners, i.e. dim_partners), its role (from one
    aliased leading_roles, see macro leading_role; 'none' without touches) and every additive
    measure of macro scorecard_measures read from `measures`, cast to its contract type (and
    0 where the partner has no row there, with fill_missing_with_zero).
-#}
{% macro scorecard_columns(measures, fill_missing_with_zero=false) -%}
    {%- set types = {'count': dbt.type_int(), 'amount': type_amount(), 'double': type_double()} -%}
    {%- set columns = [
        'partners.partner_name',
        'partners.partner_type',
        'partners.tier',
        'partners.region as partner_region',
        'partners.market_motion',
        "cast(coalesce(leading_roles.role_label, 'none') as " ~ dbt.type_string() ~ ") as role_label",
        'cast(leading_roles.leading_role as ' ~ dbt.type_string() ~ ') as leading_role',
        'cast(leading_roles.role_share as ' ~ type_double() ~ ') as leading_role_share',
        'cast(leading_roles.role_lift as ' ~ type_double() ~ ') as leading_role_lift',
    ] -%}
    {%- for name, kind in scorecard_measures() -%}
        {%- set value = measures ~ '.' ~ name -%}
        {%- if fill_missing_with_zero -%}
            {%- set value = 'coalesce(' ~ value ~ ', 0)' -%}
        {%- endif -%}
        {%- do columns.append('cast(' ~ value ~ ' as ' ~ types[kind] ~ ') as ' ~ name) -%}
    {%- endfor -%}
    {{ return(columns) }}
{%- endmacro %}
