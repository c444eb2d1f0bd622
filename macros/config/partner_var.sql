{#-
    The one way models read a definition var (docs/definitions.md,
    "Configuration"). Every call checks every definition var, so a bad value fails at compile
    time, before anything is built, with a message that names the var and what is allowed.
    Returns the value of `name`, normalised (lists of text upper/lower-cased as the data is).
-#}
{% macro partner_var(name) -%}
    {%- set checked = {} -%}

    {%- set as_of = var('as_of_date') | string | trim -%}
    {%- if as_of | lower == 'today' -%}
        {%- do checked.update({'as_of_date': run_started_at.strftime('%Y-%m-%d')}) -%}
    {%- else -%}
        {#- a real calendar day: the month exists and has that many days (leap years included) -#}
        {%- set is_date = false -%}
        {%- if modules.re.match('^[0-9]{4}-[0-9]{2}-[0-9]{2}$', as_of) -%}
            {%- set year, month, day = as_of.split('-') | map('int') | list -%}
            {%- set is_leap = (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 -%}
            {%- set month_days = [31, 29 if is_leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] -%}
            {%- set is_date = 1 <= month <= 12 and 1 <= day <= month_days[month - 1] -%}
        {%- endif -%}
        {%- if not is_date -%}
            {{ exceptions.raise_compiler_error(
                "var as_of_date = '" ~ as_of ~ "' is not allowed: write a calendar date as YYYY-MM-DD "
                ~ "(e.g. 2025-06-30) or 'today' (the day the run starts, UTC).") }}
        {%- endif -%}
        {%- do checked.update({'as_of_date': as_of}) -%}
    {%- endif -%}

    {%- for day_var in ['attribution_lookback_days', 'post_close_window_days', 'sourcing_lookback_days',
                        'sourcing_grace_days'] -%}
        {%- set value = var(day_var) -%}
        {%- if value is boolean or value is not number or value < 0 or value != value | int -%}
            {{ exceptions.raise_compiler_error(
                "var " ~ day_var ~ " = " ~ value ~ " is not allowed: write a whole number of days >= 0 (e.g. 90).") }}
        {%- endif -%}
        {%- do checked.update({day_var: value | int}) -%}
    {%- endfor -%}

    {%- set half_life = var('time_decay_half_life_days') -%}
    {%- if half_life is boolean or half_life is not number or half_life <= 0 -%}
        {{ exceptions.raise_compiler_error(
            "var time_decay_half_life_days = " ~ half_life ~ " is not allowed: write a number of days > 0 (e.g. 7).") }}
    {%- endif -%}
    {%- do checked.update({'time_decay_half_life_days': half_life}) -%}

    {%- for flag_var in ['sourcing_requires_qualification', 'sourcing_exclude_us_funded',
                         'sourcing_trust_crm_field'] -%}
        {%- set value = var(flag_var) -%}
        {%- if value is not boolean -%}
            {{ exceptions.raise_compiler_error(
                "var " ~ flag_var ~ " = " ~ value ~ " is not allowed: write true or false.") }}
        {%- endif -%}
        {%- do checked.update({flag_var: value}) -%}
    {%- endfor -%}

    {%- set tie_breakers = ['earliest', 'split', 'contested'] -%}
    {%- set tie_breaker = var('sourcing_tie_breaker') | string | lower | trim -%}
    {%- if tie_breaker not in tie_breakers -%}
        {{ exceptions.raise_compiler_error(
            "var sourcing_tie_breaker = '" ~ var('sourcing_tie_breaker') ~ "' is not allowed: write one of "
            ~ tie_breakers | join(', ') ~ ".") }}
    {%- endif -%}
    {%- do checked.update({'sourcing_tie_breaker': tie_breaker}) -%}

    {%- set opportunity_types = ['new_business', 'expansion', 'renewal'] -%}
    {%- set sourceable = var('sourceable_opportunity_types') -%}
    {%- if sourceable is string or sourceable is not iterable or sourceable is mapping -%}
        {{ exceptions.raise_compiler_error(
            "var sourceable_opportunity_types = " ~ sourceable ~ " is not allowed: write a list drawn from "
            ~ opportunity_types | join(', ') ~ " (e.g. [new_business]).") }}
    {%- endif -%}
    {%- set sourceable_types = [] -%}
    {%- for value in sourceable -%}
        {%- if (value | string | lower | trim) not in opportunity_types -%}
            {{ exceptions.raise_compiler_error(
                "var sourceable_opportunity_types holds '" ~ value ~ "', an unknown opportunity type: "
                ~ "use only " ~ opportunity_types | join(', ') ~ ".") }}
        {%- endif -%}
        {%- do sourceable_types.append(value | string | lower | trim) -%}
    {%- endfor -%}
    {%- do checked.update({'sourceable_opportunity_types': sourceable_types}) -%}

    {%- set regions = var('partner_led_regions') -%}
    {%- if regions is string or regions is not iterable or regions is mapping -%}
        {{ exceptions.raise_compiler_error(
            "var partner_led_regions = " ~ regions ~ " is not allowed: write a list of regions "
            ~ "(e.g. [APAC, LATAM]) or [] for none.") }}
    {%- endif -%}
    {%- set region_list = [] -%}
    {%- for value in regions -%}
        {%- do region_list.append(value | string | upper | trim) -%}
    {%- endfor -%}
    {%- do checked.update({'partner_led_regions': region_list}) -%}

    {%- set currency = var('reporting_currency') | string | upper | trim -%}
    {%- if not modules.re.match('^[A-Z]{3}$', currency) -%}
        {{ exceptions.raise_compiler_error(
            "var reporting_currency = '" ~ var('reporting_currency') ~ "' is not allowed: write an ISO 4217 "
            ~ "code of three letters (e.g. USD).") }}
    {%- endif -%}
    {%- do checked.update({'reporting_currency': currency}) -%}

    {%- set month = var('fiscal_year_start_month') -%}
    {%- if month is boolean or month is not number or month not in range(1, 13) -%}
        {{ exceptions.raise_compiler_error(
            "var fiscal_year_start_month = " ~ month ~ " is not allowed: write a month number from 1 to 12.") }}
    {%- endif -%}
    {%- do checked.update({'fiscal_year_start_month': month}) -%}

    {#- marts: the impact mart's small-segment threshold, MDF, reciprocity and role labels -#}
    {%- set min_closed = var('impact_min_closed_deals') -%}
    {%- if min_closed is boolean or min_closed is not number or min_closed < 1 or min_closed != min_closed | int -%}
        {{ exceptions.raise_compiler_error(
            "var impact_min_closed_deals = " ~ min_closed ~ " is not allowed: write a whole number of closed deals "
            ~ ">= 1 (e.g. 30); a side of a segment with fewer is flagged too small to read.") }}
    {%- endif -%}
    {%- do checked.update({'impact_min_closed_deals': min_closed | int}) -%}

    {%- for list_var, allowed, example in [
            ('mdf_activity_types', none, '[mdf_campaign]'),
            ('mdf_funded_by', ['partner', 'us', 'shared'], '[us, shared]'),
            ('referral_activity_types', none, '[referral]')] -%}
        {%- set values = var(list_var) -%}
        {%- if values is string or values is not iterable or values is mapping -%}
            {{ exceptions.raise_compiler_error(
                "var " ~ list_var ~ " = " ~ values ~ " is not allowed: write a list (e.g. " ~ example ~ ")"
                ~ " or [] for none.") }}
        {%- endif -%}
        {%- set cleaned = [] -%}
        {%- for value in values -%}
            {%- set code = value | string | lower | trim -%}
            {%- if allowed is not none and code not in allowed -%}
                {{ exceptions.raise_compiler_error(
                    "var " ~ list_var ~ " holds '" ~ value ~ "', which is not allowed: use only "
                    ~ allowed | join(', ') ~ ".") }}
            {%- endif -%}
            {%- do cleaned.append(code) -%}
        {%- endfor -%}
        {%- do checked.update({list_var: cleaned}) -%}
    {%- endfor -%}

    {%- set min_lift = var('role_label_min_lift') -%}
    {%- if min_lift is boolean or min_lift is not number or min_lift < 0 -%}
        {{ exceptions.raise_compiler_error(
            "var role_label_min_lift = " ~ min_lift ~ " is not allowed: write a number >= 0 (e.g. 1.2); a partner "
            ~ "that plays no role at least this many times as much as the average partner is labelled mixed.") }}
    {%- endif -%}
    {%- do checked.update({'role_label_min_lift': min_lift}) -%}

    {#- bad input: the share of a raw table's rows that may be rejected before the build fails -#}
    {%- set max_rejected = var('max_rejected_share') -%}
    {%- if max_rejected is boolean or max_rejected is not number or max_rejected < 0 or max_rejected > 1 -%}
        {{ exceptions.raise_compiler_error(
            "var max_rejected_share = " ~ max_rejected ~ " is not allowed: write a share from 0 to 1 (e.g. 0.05); "
            ~ "the build fails when a larger share of any raw table's rows is rejected.") }}
    {%- endif -%}
    {%- do checked.update({'max_rejected_share': max_rejected}) -%}

    {#- data-driven attribution -#}
    {%- for count_var, low, high, meaning in [
            ('data_driven_min_paths', 1, none, 'a segment with fewer paths is flagged too few to read'),
            ('shapley_exact_max_partners', 1, 12, 'Shapley values are exact for paths with up to this many partners')] -%}
        {%- set value = var(count_var) -%}
        {%- if value is boolean or value is not number or value != value | int or value < low
                or (high is not none and value > high) -%}
            {{ exceptions.raise_compiler_error(
                "var " ~ count_var ~ " = " ~ value ~ " is not allowed: write a whole number from " ~ low
                ~ (" to " ~ high if high is not none else " up") ~ "; " ~ meaning ~ ".") }}
        {%- endif -%}
        {%- do checked.update({count_var: value | int}) -%}
    {%- endfor -%}

    {#- user-defined members of the position family: [{name, first_share, last_share}, ...] -#}
    {%- set builtin_models = ['first_touch', 'last_touch', 'linear', 'position_based', 'j_shaped', 'inverse_j',
                              'w_shaped', 'time_decay', 'sourced'] -%}
    {%- set custom_models = var('custom_attribution_models', []) -%}
    {%- set example = "(e.g. [{name: early_heavy, first_share: 0.5, last_share: 0.3}])" -%}
    {%- if custom_models is string or custom_models is not iterable or custom_models is mapping -%}
        {{ exceptions.raise_compiler_error(
            "var custom_attribution_models = " ~ custom_models ~ " is not allowed: write a list of models "
            ~ example ~ " or [] for none.") }}
    {%- endif -%}
    {%- set seen = [] -%}
    {%- for model in custom_models -%}
        {%- if model is not mapping or model.keys() | list | sort != ['first_share', 'last_share', 'name'] -%}
            {{ exceptions.raise_compiler_error(
                "var custom_attribution_models holds " ~ model ~ ": each model needs exactly name, first_share "
                ~ "and last_share " ~ example ~ ".") }}
        {%- endif -%}
        {%- set model_name = model['name'] | string -%}
        {%- if not modules.re.match('^[a-z][a-z0-9_]{0,62}$', model_name) or model_name in builtin_models
                or model_name in seen -%}
            {{ exceptions.raise_compiler_error(
                "var custom_attribution_models: name '" ~ model_name ~ "' is not allowed: use lower-case letters, "
                ~ "digits and _ (starting with a letter), unique, and none of " ~ builtin_models | join(', ') ~ ".") }}
        {%- endif -%}
        {%- do seen.append(model_name) -%}
        {%- for share_key in ['first_share', 'last_share'] -%}
            {%- set share = model[share_key] -%}
            {%- if share is boolean or share is not number or share < 0 or share > 1 -%}
                {{ exceptions.raise_compiler_error(
                    "var custom_attribution_models, model " ~ model_name ~ ": " ~ share_key ~ " = " ~ share
                    ~ " is not allowed: write a number from 0 to 1.") }}
            {%- endif -%}
        {%- endfor -%}
        {%- set share_sum = model['first_share'] + model['last_share'] -%}
        {%- if share_sum > 1 or share_sum <= 0 -%}
            {{ exceptions.raise_compiler_error(
                "var custom_attribution_models, model " ~ model_name ~ ": first_share + last_share = " ~ share_sum
                ~ " is not allowed: it must be above 0 and at most 1 (the rest goes to the middle touches).") }}
        {%- endif -%}
    {%- endfor -%}
    {%- do checked.update({'custom_attribution_models': custom_models}) -%}

    {%- if name not in checked -%}
        {{ exceptions.raise_compiler_error(
            "partner_var('" ~ name ~ "'): no such definition var; known: " ~ checked.keys() | sort | join(', ')) }}
    {%- endif -%}
    {{- return(checked[name]) -}}
{%- endmacro %}
