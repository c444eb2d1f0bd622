"""A bad definition var stops dbt before anything runs, with a message naming the var and what is allowed."""

from __future__ import annotations

import pytest

BAD_VARS = [
    (
        {"sourcing_tie_breaker": "random"},
        "var sourcing_tie_breaker = 'random' is not allowed: write one of earliest, split, contested",
    ),
    (
        {"attribution_lookback_days": -1},
        "var attribution_lookback_days = -1 is not allowed: write a whole number of days >= 0",
    ),
    ({"post_close_window_days": "soon"}, "var post_close_window_days = soon is not allowed"),
    ({"sourcing_grace_days": 2.5}, "var sourcing_grace_days = 2.5 is not allowed"),
    (
        {"time_decay_half_life_days": 0},
        "var time_decay_half_life_days = 0 is not allowed: write a number of days > 0",
    ),
    (
        {"sourceable_opportunity_types": ["new_business", "upsell"]},
        "holds 'upsell', an unknown opportunity type",
    ),
    (
        {"sourceable_opportunity_types": "new_business"},
        "var sourceable_opportunity_types = new_business is not allowed",
    ),
    (
        {"sourcing_trust_crm_field": "maybe"},
        "var sourcing_trust_crm_field = maybe is not allowed: write true or false",
    ),
    ({"as_of_date": "2025-02-30"}, "var as_of_date = '2025-02-30' is not allowed"),
    ({"as_of_date": "30/06/2025"}, "var as_of_date = '30/06/2025' is not allowed"),
    (
        {"fiscal_year_start_month": 13},
        "var fiscal_year_start_month = 13 is not allowed: write a month number from 1 to 12",
    ),
    ({"reporting_currency": "dollars"}, "var reporting_currency = 'dollars' is not allowed"),
    ({"partner_led_regions": "APAC"}, "var partner_led_regions = APAC is not allowed"),
    ({"max_rejected_share": 5}, "var max_rejected_share = 5 is not allowed: write a share from 0 to 1"),
    ({"max_rejected_share": "5%"}, "var max_rejected_share = 5% is not allowed"),
    (
        {"data_driven_min_paths": 0},
        "var data_driven_min_paths = 0 is not allowed: write a whole number from 1 up",
    ),
    (
        {"shapley_exact_max_partners": 20},
        "var shapley_exact_max_partners = 20 is not allowed: write a whole number from 1 to 12",
    ),
]


@pytest.mark.parametrize(
    ("variables", "message"),
    BAD_VARS,
    ids=[next(iter(v)) + "=" + str(next(iter(v.values()))) for v, _ in BAD_VARS],
)
def test_bad_var_fails_at_parse_time_naming_the_var(run_dbt, variables, message):
    run = run_dbt(["parse", "--no-partial-parse"], variables)
    assert run.returncode != 0
    assert message in run.output, run.output[-2000:]
    assert "Traceback" not in run.output


@pytest.mark.parametrize(
    "variables",
    [
        {"as_of_date": "2024-02-29", "sourcing_tie_breaker": "split"},
        {"as_of_date": "today", "sourceable_opportunity_types": [], "partner_led_regions": []},
        {"sourcing_tie_breaker": "Contested", "reporting_currency": "eur", "fiscal_year_start_month": 4},
    ],
)
def test_good_vars_parse(run_dbt, variables):
    run = run_dbt(["parse", "--no-partial-parse"], variables)
    assert run.returncode == 0, run.output[-2000:]
