{#-
    Where the raw CRM export comes from and goes, with the defaults that depend on how the
    project runs (the sources' yml spells the same defaults: macros cannot be called there).
    * partner_raw_data_dir: the directory of export files (var raw_data_dir). Standalone, the
      bundled demo export (data/demo); installed as a package, none: the package reads the
      tables a connector or a loader already put in the warehouse, and reads no file unless
      the host names a directory.
    * partner_raw_schema: the schema the package owns for the raw tables it loads from files,
      its load record and (PostgreSQL) its helper functions (var raw_schema). Standalone `raw`;
      installed as a package `<target schema>_partner_attribution_raw`, a name no host's own
      `raw` can have.
-#}
{% macro partner_raw_data_dir() -%}
    {{ return(var('raw_data_dir', 'data/demo' if project_name == 'partner_attribution' else '') | string | trim) }}
{%- endmacro %}


{% macro partner_raw_schema() -%}
    {{ return(var('raw_schema', 'raw' if project_name == 'partner_attribution'
        else target.schema ~ '_partner_attribution_raw') | string | trim) }}
{%- endmacro %}
