{#-
    Fiscal calendar columns of a timestamp, for var fiscal_year_start_month (1 = January):
    <prefix>fiscal_year (named by the calendar year in which the fiscal year ends, so with a
    February start, February 2025 to January 2026 is FY2026), <prefix>fiscal_month (1 to 12,
    counted from the fiscal year's first month) and <prefix>fiscal_quarter (1 to 4).
    Whole-number arithmetic on the calendar month, so every engine agrees.
-#}
{% macro fiscal_periods(timestamp_sql, prefix='') -%}
    {%- set start = partner_var('fiscal_year_start_month') | int -%}
    {%- set month -%}extract(month from {{ timestamp_sql }}){%- endset -%}
    {%- set year -%}extract(year from {{ timestamp_sql }}){%- endset -%}
    {%- set fiscal_month -%}(mod(cast({{ month }} as {{ dbt.type_int() }}) - {{ start }} + 12, 12) + 1){%- endset -%}
    cast({{ year }} as {{ dbt.type_int() }})
    + {{ '0' if start == 1 else '(case when cast(' ~ month ~ ' as ' ~ dbt.type_int() ~ ') >= ' ~ start ~ ' then 1 else 0 end)' }}
        as {{ prefix }}fiscal_year,
    cast({{ fiscal_month }} as {{ dbt.type_int() }}) as {{ prefix }}fiscal_month,
    cast(floor(({{ fiscal_month }} - 1) / 3.0) + 1 as {{ dbt.type_int() }}) as {{ prefix }}fiscal_quarter
{%- endmacro %}
