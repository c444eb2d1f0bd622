{#-
    The raw row as one JSON object of text values, for rejected_rows.raw_record: what the
    export said, before any cleaning, so a reject can be traced back and fixed at the source.
-#}
{% macro raw_record_json(columns) -%}
    {{ return(adapter.dispatch('raw_record_json', 'partner_attribution')(columns)) }}
{%- endmacro %}

{% macro default__raw_record_json(columns) -%}
    cast(to_json(struct_pack(
        {%- for column in columns %}
        {{ adapter.quote(column) }} := {{ adapter.quote(column) }}{{ ',' if not loop.last }}
        {%- endfor %}
    )) as {{ dbt.type_string() }})
{%- endmacro %}

{% macro postgres__raw_record_json(columns) -%}
    cast(json_build_object(
        {%- for column in columns %}
        '{{ column }}', {{ adapter.quote(column) }}{{ ',' if not loop.last }}
        {%- endfor %}
    ) as text)
{%- endmacro %}

{% macro spark__raw_record_json(columns) -%}
    to_json(named_struct(
        {%- for column in columns %}
        '{{ column }}', {{ adapter.quote(column) }}{{ ',' if not loop.last }}
        {%- endfor %}
    ))
{%- endmacro %}
