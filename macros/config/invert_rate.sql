{#-
    1 / rate as a type_rate (18 places), correctly rounded on every engine: for a CRM that
    gives units of a currency per unit of the reporting currency (Salesforce's dated
    conversion rates). Multiplying by this inverse is then as exact as dividing by the rate.
    PostgreSQL divides numerics to at least 18 places, and Spark divides decimal(1,0) by
    decimal(38,18) to 19 places, so both round the quotient. DuckDB divides decimals in double
    precision (15 to 17 significant digits: 1/0.376 came out 2.659574468085106176 instead of
    ...383), so its override corrects that quotient x with one Newton step in exact decimals,
    x + x * (1 - rate * x): rate * x is exact at 36 places, and the step squares the error.
    Rates below 1e-14 (no currency has one) overflow DuckDB's 38 digits there.
-#}
{% macro invert_rate(rate) -%}
    {{ return(adapter.dispatch('partner_attribution_invert_rate', 'partner_attribution')(rate)) }}
{%- endmacro %}

{% macro default__partner_attribution_invert_rate(rate) -%}
    cast(cast(1 as decimal(1, 0)) / cast({{ rate }} as {{ type_rate() }}) as {{ type_rate() }})
{%- endmacro %}

{% macro duckdb__partner_attribution_invert_rate(rate) -%}
    {%- set exact_rate = 'cast(' ~ rate ~ ' as ' ~ type_rate() ~ ')' -%}
    {%- set first_guess = 'cast(1 / cast(' ~ exact_rate ~ ' as ' ~ type_double() ~ ') as ' ~ type_rate() ~ ')' -%}
    cast(
        {{ first_guess }}
        + cast(
            cast({{ first_guess }} as decimal(38, 8))
            * cast(1 - {{ exact_rate }} * {{ first_guess }} as decimal(38, 30))
            as decimal(38, 24)
        )
        as {{ type_rate() }}
    )
{%- endmacro %}
