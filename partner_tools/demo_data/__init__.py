"""Generate a deterministic synthetic CRM export of a B2B software company's partner ecosystem.

The story
---------
A software vendor sells to companies ("accounts") in four regions: NA, EMEA, APAC and LATAM.
Each account buys once (``new_business``) and may come back for ``expansion`` or ``renewal``
deals. The vendor works with four kinds of partners:

* referral partners bring in deals (``referral`` and ``deal_registration`` touches),
* resellers resell licences (``resale`` / ``marketplace_transaction`` touches and the CRM's
  ``reseller_partner_id``) and run marketing funds (``mdf_campaign``),
* system integrators validate and then deploy the product (``technical_validation``,
  ``implementation`` after a won deal, ``customer_success_review``),
* technology partners co-sell (``co_sell_meeting``, ``joint_use_case``, ``joint_event``,
  ``account_mapping``, ``intel_share``).

APAC and LATAM are partner-led markets (partners involved in ~85% of deals, and most new
business there is partner sourced); in NA and EMEA partners touch ~40% of deals. Sourcing is
mostly about new business; a few expansions and renewals also carry a sourcing touch.
Partner-attached deals win more often (~37% vs ~22%), are larger (~1.3x) and close faster
(~0.8x the cycle). Partner touches cluster around opportunity lifecycles: account-level touches
(no ``opportunity_id``) in the months before an opportunity is created (so one touch can precede
several opportunities of the account), the sourcing referral or deal registration up to ~90 days
before creation, co-selling during the deal, and deployment, resale and customer-success touches
after the close. The CRM is incomplete in the usual ways: ``sourced_partner_id`` is filled on
only about half of the partner-sourced deals, some deals are contested by two partners, some
sourcing touches are unqualified, rejected, expired or funded by the vendor itself
(``funded_by = 'us'``), and some touches are outbound referrals the vendor gives to partners.

Export format
-------------
One file per table. CSV files have a header row, standard double-quote quoting (pyarrow quotes
every non-null string value) and an empty field for null. Timestamps are ISO-8601 in UTC,
and for a minority of rows (more in APAC) the same instant is written in the account's local
offset (``2024-03-05T23:07:33+09:00``). Booleans come in mixed spellings, amounts are plain
decimals in the opportunity's own currency (``mdf_campaign`` spend is in USD; resale values are
in the linked opportunity's currency). A few categorical values have odd case or surrounding
spaces. Parquet files carry the same columns with real types instead.

With ``--dirty-share`` > 0 a small share of rows per table is deliberately broken (duplicate
keys, missing keys, unknown references, unparsable values, ...); see :func:`plan_dirty_rows`.
Dirty rows are generated from a separate random stream, so the clean rows do not depend on it.

Everything is derived from ``numpy.random.default_rng(seed)``: the same arguments produce
byte-identical files.

Usage
-----
    python -m partner_tools.demo_data                  # the bundled demo in data/demo
    python -m partner_tools.demo_data --opportunities 1000000 --format parquet --out /tmp/big

Options: --opportunities N (100 .. 10,000,000), --seed S, --format csv|parquet, --out DIR,
--end-date YYYY-MM-DD, --dirty-share F (0 .. 0.2), --quiet.
"""
