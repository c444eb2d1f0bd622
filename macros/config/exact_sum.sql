{#-
    The sum of a floating-point column, the same on every run. A plain sum of doubles depends
    on the order the rows arrive in, and a parallel engine adds them in a different order each
    time, so the last digits of a mart's totals moved between two builds of the same export.
    Each value is made a decimal of 12 places, summed exactly, and turned back into a double.
    A total is then off from the double sum by at most 1e-12 per row, far below a cent or a
    weight's tolerance. `over`: a window (the text inside over (...)), for a running or
    partition total.
-#}
{% macro exact_sum(expression, over=none) -%}
    cast(sum(cast({{ expression }} as decimal(38, 12))){% if over is not none %} over ({{ over }}){% endif %}
        as {{ type_double() }})
{%- endmacro %}
