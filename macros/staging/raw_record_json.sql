{#-
    The raw row as one JSON object of text values, for rejected_rows.raw_record: what the
    export said, before any cleaning, so a reject can be traced back and fixed at the source.
    The values are read from the columns named prefix ~ column (typed_source_rows carries them
    as raw__<column>); the JSON keys are the raw column names.
-#}
{% macro raw_record_json(columns, prefix='') -%}
    {{ return(adapter.dispatch('partner_attribution_raw_record_json', 'partner_attribution')(columns, prefix)) }}
{%- endmacro %}

{% macro default__partner_attribution_raw_record_json(columns, prefix) -%}
    cast(to_json(struct_pack(
        {%- for column in columns %}
        {{ adapter.quote(column) }} := {{ adapter.quote(prefix ~ column) }}{{ ',' if not loop.last }}
        {%- endfor %}
    )) as {{ dbt.type_string() }})
{%- endmacro %}

{% macro postgres__partner_attribution_raw_record_json(columns, prefix) -%}
    cast(json_build_object(
        {%- for column in columns %}
        '{{ column }}', {{ adapter.quote(prefix ~ column) }}{{ ',' if not loop.last }}
        {%- endfor %}
    ) as text)
{%- endmacro %}

{% macro spark__partner_attribution_raw_record_json(columns, prefix) -%}
    to_json(named_struct(
        {%- for column in columns %}
        '{{ column }}', {{ adapter.quote(prefix ~ column) }}{{ ',' if not loop.last }}
        {%- endfor %}
    ))
{%- endmacro %}
