"""Money keeps its precision in every currency, from the raw export to the marts (issue 19, item 5).

A small generic export with weak currencies (IDR, VND, KRW), JPY and BHD (3 decimals), whose rates
are written with more places than a rate keeps (18). Each deal's exact amount in USD is a round
number, so the marts must hold it to the cent: with rates at 6 places (the old decimal(28,6)),
3.1 bn IDR at 1/15,500 was 201,500 USD instead of 200,000.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from partner_tools.constants import DEMO_AS_OF_DATE

# currency, amount in the export, rate_to_reporting as the export writes it, exact amount in USD
DEALS = [
    ("IDR", "3100000000", "0.0000645161290322580645", Decimal("200000")),  # 1 / 15,500
    ("VND", "2450000000", "0.0000408163265306122449", Decimal("100000")),  # 1 / 24,500
    ("KRW", "135000000", "0.0007407407407407407407", Decimal("100000")),  # 1 / 1,350
    ("JPY", "15000000", "0.0066666666666666666667", Decimal("100000")),  # 1 / 150
    ("BHD", "3760.376", "2.6595744680851063829787", Decimal("10001")),  # 1 / 0.376
]
TOTAL = sum(usd for *_, usd in DEALS)
CENT = Decimal("0.01")


def write_export(directory: Path) -> None:
    """Five won deals on one account; a referral partner on each, and two more on the IDR deal."""
    directory.mkdir()
    files = {
        "accounts": [
            "account_id,account_name,industry,region,country,employee_count,created_at",
            "ACC-1,Nusantara Tbk,software,APAC,Indonesia,900,2024-01-01",
        ],
        "partners": [
            "partner_id,partner_name,partner_type,tier,region,joined_at",
            *(f"PRT-{n},Partner {n},referral,gold,APAC,2024-01-01" for n in (1, 2, 3)),
        ],
        "opportunities": [
            "opportunity_id,account_id,opportunity_name,opportunity_type,stage,amount,currency,created_at,"
            "closed_at,is_won,sourced_partner_id,reseller_partner_id,lead_source",
            *(
                f"OPP-{currency},ACC-1,Deal {currency},new_business,closed_won,{amount},{currency},"
                "2025-01-01,2025-03-01,true,,,partner"
                for currency, amount, _, _ in DEALS
            ),
        ],
        "opportunity_stage_history": ["opportunity_id,stage,amount,changed_at"],
        "partner_activities": [
            "activity_id,partner_id,account_id,opportunity_id,activity_type,occurred_at,direction,status,"
            "is_qualified,funded_by,amount,notes",
            *(
                f"ACT-{currency},PRT-1,ACC-1,OPP-{currency},referral,2025-01-02,inbound,,true,partner,,"
                for currency, *_ in DEALS
            ),
            # three partners on the IDR deal: each linear weight is 1/3, a third of 200,000
            "ACT-IDR-2,PRT-2,ACC-1,OPP-IDR,co_sell_meeting,2025-01-03,inbound,,,,,",
            "ACT-IDR-3,PRT-3,ACC-1,OPP-IDR,co_sell_meeting,2025-01-04,inbound,,,,,",
        ],
        "currency_rates": [
            "currency,rate_date,rate_to_reporting",
            *(f"{currency},2024-01-01,{rate}" for currency, _, rate, _ in DEALS),
        ],
    }
    for table, lines in files.items():
        (directory / f"{table}.csv").write_text("\n".join(lines) + "\n")


def test_weak_currencies_are_exact_to_the_cent_in_the_marts(run_dbt, tmp_path: Path):
    export = tmp_path / "export"
    write_export(export)
    run = run_dbt(["build"], {"raw_data_dir": str(export), "as_of_date": DEMO_AS_OF_DATE})
    assert run.returncode == 0, run.output[-4000:]

    amounts = dict(run.query("select currency, amount from marts.fct_opportunities"))
    assert amounts == {currency: usd for currency, _, _, usd in DEALS}
    assert {currency: str(amount) for currency, amount in amounts.items()}["BHD"] == "10001.000000"

    # the attach pyramid sums them exactly: all deals, and the attached ones, in their quarter
    [(amount, attached_amount)] = run.query(
        "select sum(amount), sum(attached_amount) from marts.mart_partner_attach"
        " where period_basis = 'created' and period_grain = 'fiscal_quarter'"
    )
    assert amount == TOTAL and attached_amount == TOTAL

    # the scorecard: partner 1 is on every deal, partners 2 and 3 on the IDR deal only
    scorecard = dict(run.query("select partner_id, attached_won_amount from marts.mart_partner_scorecard"))
    assert scorecard == {"PRT-1": TOTAL, "PRT-2": Decimal("200000"), "PRT-3": Decimal("200000")}

    # attributed revenue (doubles: the weight is a fraction) adds up to the won amount to the cent,
    # per deal and per partner, and the partner sums of the attribution mart agree with the facts
    per_deal = run.query(
        "select opportunity_id, attribution_model, sum(attributed_revenue) from marts.fct_partner_attribution"
        " where attribution_model <> 'sourced' group by all"
    )
    usd = {f"OPP-{currency}": amount for currency, _, _, amount in DEALS}
    assert per_deal and all(abs(Decimal(repr(total)) - usd[deal]) < CENT / 2 for deal, _, total in per_deal)
    linear = dict(
        run.query(
            "select partner_id, attributed_revenue from marts.mart_partner_attribution_by_model"
            " where attribution_model = 'linear'"
        )
    )
    third = Decimal("200000") / 3
    expected = {"PRT-1": TOTAL - 2 * third, "PRT-2": third, "PRT-3": third}
    assert linear.keys() == expected.keys()
    assert all(abs(Decimal(repr(linear[p])) - expected[p]) < CENT / 2 for p in expected)
