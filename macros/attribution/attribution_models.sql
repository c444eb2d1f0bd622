{#-
    The rule-based attribution models, in the order the marts show them: name and the weight
    expression over the ordered-touch columns of int_attribution_touch_weights (touch_rank,
    touch_count, creation_touch_rank, decay_factor, decay_total). Custom members of the
    position family come from the var custom_attribution_models. The `sourced` model is not
    touch-based: fct_partner_attribution takes it from the sourcing credit.
-#}
{% macro attribution_models() -%}
    {%- set models = [
        {'name': 'first_touch', 'weight': attribution_first_touch()},
        {'name': 'last_touch', 'weight': attribution_last_touch()},
        {'name': 'linear', 'weight': attribution_linear()},
        {'name': 'position_based', 'weight': attribution_position_based()},
        {'name': 'j_shaped', 'weight': attribution_j_shaped()},
        {'name': 'inverse_j', 'weight': attribution_inverse_j()},
        {'name': 'w_shaped', 'weight': attribution_w_shaped()},
        {'name': 'time_decay', 'weight': 'decay_factor / decay_total'},
    ] -%}
    {%- for custom in partner_var('custom_attribution_models') -%}
        {%- do models.append({
            'name': custom['name'],
            'weight': attribution_position_family(custom['first_share'], custom['last_share']),
        }) -%}
    {%- endfor -%}
    {{ return(models) }}
{%- endmacro %}
