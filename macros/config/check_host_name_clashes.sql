{#-
    on-run-start, installed as a package: stops the run, before anything is built, when a test
    of this project would run on a node of the host's. dbt gives a generic test the model it
    tests by name (a one-argument ref), and resolves that name in the root project first: a host
    model or seed named like one of this project's (dim_partners, activity_types ...) would be
    tested in place of it, and this project's own would go untested. dbt's flag
    require_ref_searches_node_package_before_root (the host's dbt_project.yml) makes it look in
    the test's own package first; with it, or without clashing names, nothing is found here.
    This project's own refs always name the package, so only tests can be affected.
-#}
{% macro check_host_name_clashes() -%}
    {%- set clashes = [] -%}
    {%- for test in (graph.nodes.values() if execute else [])
            if test.resource_type == 'test' and test.package_name == 'partner_attribution' -%}
        {%- for parent in test.depends_on.nodes
                if parent.split('.')[0] in ('model', 'seed', 'snapshot')
                and parent.split('.')[1] != 'partner_attribution'
                and parent.split('.')[-1] not in clashes -%}
            {%- do clashes.append(parent.split('.')[-1]) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- if clashes -%}
        {{ exceptions.raise_compiler_error("partner_attribution: this project's tests of "
            ~ clashes | sort | join(', ') ~ " would run on the " ~ project_name ~ " project's nodes of the "
            ~ "same names (dbt resolves the model a test names in the root project first), and the "
            ~ "package's own would go untested. Add `flags: {require_ref_searches_node_package_before_root: "
            ~ "true}` to " ~ project_name ~ "'s dbt_project.yml (dbt then looks in the test's own package "
            ~ "first), or rename those nodes.") }}
    {%- endif -%}
{%- endmacro %}
