{#-
    An amount in the reporting currency: amount (type_amount) times rate (type_rate, units of
    the reporting currency per unit), exact and then rounded once to type_amount's 6 places,
    half away from zero, the same on DuckDB, PostgreSQL and Spark. The exact product has 24
    places: DuckDB keeps it in decimal(38, 24) (up to 1e14; beyond, its overflow error stops
    the build rather than dropping digits), PostgreSQL's numeric has no limit, and Spark, whose
    exact type would pass 38 digits, computes the product exactly and rounds it to 6 places
    itself (spark.sql.decimalOperations.allowPrecisionLoss, the default).
-#}
{% macro convert_amount(amount, rate) -%}
    cast(cast({{ amount }} as {{ type_amount() }}) * cast({{ rate }} as {{ type_rate() }}) as {{ type_amount() }})
{%- endmacro %}
