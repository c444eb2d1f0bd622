{#-
    The type of an exchange rate (units of the reporting currency per unit of a currency).
    18 decimal places: a weak currency's rate is small (1 IDR = 0.0000645161... USD), and at 6
    places (dbt.type_numeric()) it was 0.000065, which turned 3.1 bn IDR into 201,500 USD
    instead of 200,000. At 18 places a rate is off by at most 5e-19, so an amount of up to 1e16
    units of its currency converts to within 0.005 of the exact product.
    Why not more: an amount (6 places) times a rate (18 places) is exact at 24 places, and
    DuckDB keeps that exact product in its widest decimal, 38 digits, so it holds up to 1e14 in
    the reporting currency (a larger converted amount stops the build with DuckDB's overflow
    error rather than losing digits); at 20 places it would hold only 1e12 (65 M USD as IDR).
    The product is then rounded to type_amount (half away from zero): exact, then rounded once,
    on DuckDB, PostgreSQL (numeric is exact) and Spark (which computes the product exactly and
    rounds it to 6 places when the exact type would pass 38 digits).
-#}
{% macro type_rate() -%}
    decimal(38, 18)
{%- endmacro %}
