{#-
    The type of every money amount: a deal's amount in its own currency and in the reporting
    currency, an activity's amount, and the sums the marts make of them. 6 decimal places keep
    every currency's minor unit (3 for BHD, KWD, OMR) with room to round, so sums are exact to
    the cent; 38 digits leave 32 before the point, more than any total of a weak currency (VND,
    IDR) needs, and are what sum() returns on DuckDB and Spark, so a mart's cast never narrows.
    dbt.type_numeric() is decimal(28,6) on DuckDB and numeric(28,6) on PostgreSQL: kept for
    amounts it would do, but the rates beside them need type_rate. The same on every engine.
-#}
{% macro type_amount() -%}
    decimal(38, 6)
{%- endmacro %}
