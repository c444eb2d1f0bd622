"""Build the partner report: one self-contained HTML file of charts from the published marts.

    python -m partner_tools.report [--warehouse PUBLISHED.duckdb] [--output report.html] [--as-of-date DAY]
        [--target-path target | --schema marts=SCHEMA]

Partner leaders look before they read, so the report is charts, each with a sentence on how to
read it: the attach pyramid, attach rate over time by region, the partner scorecard with role
labels (bars and a table), attribution models side by side per partner, attached vs not attached
deals with 95% intervals, and reciprocity (referrals given vs deals sourced).

It reads the published file (partner_tools.publish), opened read-only and closed before any chart is
drawn, and writes one HTML file with plotly.js inlined: no CDN, no network, it opens from a
file share or a mail attachment. `python3 scripts/tasks.py demo` writes it beside the warehouse
(warehouse/partner_report.html). A mart with no rows (or missing) gives its chart a "no data"
note instead of stopping the report. The published file does not record dbt's as_of_date, so pass
it with --as-of-date; without it the header gives the latest deal event in the marts. Pointed at a
warehouse as dbt built it rather than at a published file, it finds the marts as partner_tools.publish does:
from dbt's manifest (--target-path; default: target/ here, else the standalone names) or --schema.
"""
