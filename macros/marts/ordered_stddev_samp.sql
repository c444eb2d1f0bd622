{#-
    The sample standard deviation of `value` within a group, the same to the last bit on every
    build: the squared deviations from `mean` (the group's exact mean, computed beforehand,
    e.g. as a window avg over the decimal amounts) are added in the order of `order_by`
    (unique within the group; see ordered_sum). DuckDB's stddev_samp adds doubles in the order
    rows arrive, which moved a mart's interval in its last bit between two builds of the same
    export. Null for fewer than two values, as stddev_samp.
-#}
{% macro ordered_stddev_samp(value, mean, order_by) -%}
    sqrt({{ ordered_sum('power(cast(' ~ value ~ ' as ' ~ type_double() ~ ') - ' ~ mean ~ ', 2)', order_by) }}
        / nullif(count({{ value }}) - 1, 0))
{%- endmacro %}
