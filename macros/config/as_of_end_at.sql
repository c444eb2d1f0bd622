{#-
    The end of the as_of_date day (UTC) as a SQL timestamp literal: the last microsecond of the
    day, so `x <= as_of_end_at()` keeps everything that happened on or before as_of_date
    (spec "As of"). It is the only clock a model reads.
-#}
{% macro as_of_end_at() -%}
    cast('{{ partner_var("as_of_date") }} 23:59:59.999999' as {{ dbt.type_timestamp() }})
{%- endmacro %}
