{#-
    The first day of a fiscal quarter (a date), from its fiscal_year and fiscal_quarter columns
    (as fiscal_periods computes them for var fiscal_year_start_month): the quarter starts in
    calendar month start + 3 * (quarter - 1), wrapped into 1 to 12, and in the calendar year
    before fiscal_year when that month is at or after the start month (a fiscal year that
    does not start in January is named by the year in which it ends). One line of SQL.
-#}
{% macro fiscal_quarter_start_date(fiscal_year, fiscal_quarter) -%}
    {%- set start = partner_var('fiscal_year_start_month') | int -%}
    {%- set int = dbt.type_int() -%}
    {%- set month -%}(mod({{ start - 1 }} + 3 * (cast({{ fiscal_quarter }} as {{ int }}) - 1), 12) + 1){%- endset -%}
    {%- set year -%}
        cast({{ fiscal_year }} as {{ int }}){{ '' if start == 1 else ' - (case when ' ~ month ~ ' >= ' ~ start ~ ' then 1 else 0 end)' }}
    {%- endset -%}
    cast(make_date({{ year }}, cast({{ month }} as {{ int }}), 1) as date)
{%- endmacro %}
