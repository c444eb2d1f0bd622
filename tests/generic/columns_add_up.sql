{#-
    On every row where `if_true` holds, the columns whose names start with `prefix` add up to
    `total` (a SQL expression) within `tolerance`, an empty one counting as 0: e.g. a partner's
    motion shares to 1, its touches by motion to touch_count. The columns are read from the
    built table, whose contract lists them, so a motion added to the contract is added up
    without another list to keep; a prefix no column has stops the test rather than pass it.
    Returns the rows that do not add up.
-#}
{% test columns_add_up(model, prefix, total, if_true='true', tolerance=0) %}

{%- set parts = [] -%}
{#- before the model is built (dbt compile on an empty warehouse) there are no columns to read:
    the test compiles to a sum of nothing then, and is read again when it runs, after its model -#}
{%- set built = execute and adapter.get_relation(
    database=model.database, schema=model.schema, identifier=model.identifier) is not none -%}
{%- if built -%}
    {%- for column in adapter.get_columns_in_relation(model) if column.name.lower().startswith(prefix.lower()) -%}
        {%- do parts.append('coalesce(' ~ adapter.quote(column.name) ~ ', 0)') -%}
    {%- endfor -%}
    {%- if not parts -%}
        {{ exceptions.raise_compiler_error("columns_add_up: " ~ model ~ " has no column starting with '"
            ~ prefix ~ "': write the prefix of the columns that should add up to " ~ total ~ ".") }}
    {%- endif -%}
{%- else -%}
    {%- do parts.append('0') -%}
{%- endif %}

select *
from {{ model }}
where
    ({{ if_true }})
    and not coalesce(abs(({{ parts | join(' + ') }}) - ({{ total }})) <= {{ tolerance }}, false)

{% endtest %}
