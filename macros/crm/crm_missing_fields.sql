{#-
    What a connector's landed table lacks of the field map: {'table': true when the table
    itself is missing, 'required': fields it must have and lacks, 'optional': fields it may
    lack and does (crm_field_kinds)}. A field that fills a required column and an optional
    one is required. A field renamed with the var <crm>_fields is required: a name the user
    wrote must be there.
-#}
{% macro crm_missing_fields(crm, table) -%}
    {%- set columns = crm_landed_columns(crm, table) -%}
    {%- set missing = {'table': columns is none, 'required': [], 'optional': [], 'to_report': []} -%}
    {%- if columns is not none -%}
        {%- set optional = crm_field_kinds(crm)['optional'].get(table, []) -%}
        {%- set renamed = (var(crm ~ '_fields', {}) or {}).keys() | list -%}
        {%- for column, field in crm_fields(crm, table).items() if field is not none and field not in columns -%}
            {%- if column in optional and (table ~ '.' ~ column) not in renamed -%}
                {%- do missing['optional'].append(field) -%}
            {%- elif field not in missing['required'] -%}
                {%- do missing['required'].append(field) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- do missing.update({'optional': missing['optional'] | reject('in', missing['required']) | unique | list}) -%}
        {%- do missing.update({'to_report': missing['optional'] | reject('in', crm_flag_fields(crm, table)) | list}) -%}
    {%- endif -%}
    {{ return(missing) }}
{%- endmacro %}
