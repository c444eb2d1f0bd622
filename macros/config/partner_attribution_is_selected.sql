{#-
    Whether the command runs any node of this project (model, seed, test, unit test, ...):
    installed as a package, the on-run-start hooks do their work only then, so that a host's
    command that selects none of this project's nodes reads none of its vars or files and
    writes nothing.
-#}
{% macro partner_attribution_is_selected() -%}
    {%- for unique_id in selected_resources if unique_id.split('.')[1] == 'partner_attribution' -%}
        {{ return(true) }}
    {%- endfor -%}
    {{ return(false) }}
{%- endmacro %}
