{#-
    Incremental by source key (docs/incremental.md, "The validated layer").

    The large checked models (accounts, opportunities, stage history, partner activities) are
    incremental on DuckDB: a run types again only the raw rows of the keys that need it and
    keeps every other row. A key needs it when
    * its raw rows changed: the count and the sum of the row hashes of the key's raw rows
      (hash of the whole raw row) differ from those of its stored rows (raw_row_hash), which
      also catches new keys, deleted keys, new copies of a row and rows without a key ('' is
      their key, as in typed_source_rows);
    * a row of it refers to something whose lookup changed: an id that appeared in or left a
      referenced validated model, or whose carried columns changed (an opportunity that moved
      to another account changes the account an activity resolves to). What the last build
      looked up is kept in <model>__references (written after every build of the model);
    * the model's definition changed (incremental_definition_of: its file's checksum, the SQL
      of every macro it calls, transitively, the seeds it is built from, the vars it reads):
      then every key. Nothing is declared by hand: an edit to a staging macro that the model
      calls is seen like an edit to the model.
    The keys go to <model>__refresh (key, reason), kept after the run to show what it
    refreshed; the raw rows of those keys are copied to <model>__refresh_rows (dropped after
    the build), the stored rows of those keys are deleted, and the copied rows typed again.
    A key of the model must hold every row that can affect another one (the rows compared
    for duplicates): activities, accounts and opportunities by their id, stage history by
    its opportunity.
-#}

{#- true where the checked models are incremental: the same engines as the by-opportunity models -#}
{% macro incremental_by_source_key() -%}
    {{ return(incremental_by_opportunity()) }}
{%- endmacro %}

{#- a relation beside the model: <model>__<suffix> -#}
{% macro source_key_bookkeeping_relation(suffix) -%}
    {{ return(api.Relation.create(
        database=this.database, schema=this.schema, identifier=this.identifier ~ '__' ~ suffix)) }}
{%- endmacro %}

{#-
    The config block of a checked model incremental by source key.
      source_table: the raw table (its rows: crm_input(source_table));
      key_column:   the raw column whose cleaned value is the key (clean_text);
      references:   what the rows look up, each {'column': stored column, 'model': the validated
                    model or seed, 'key': its column, 'carried': [its columns the rows use]};
      vars:         optional, vars the model reads beyond those incremental_definition_of finds
                    by name in its text and its macros' (kept for models that pass it; the
                    names it would list are found anyway).
    The arguments reach the hooks as a JSON literal (Jinja reads it as lists and strings).
-#}
{% macro by_source_key_config(source_table, key_column, references=[], vars=[]) -%}
    {%- set arguments = tojson(source_table) ~ ', ' ~ tojson(key_column) ~ ', ' ~ tojson(references)
        ~ ', ' ~ tojson(vars) -%}
    {{ config(
        materialized='incremental' if incremental_by_source_key() else 'table',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook=[
            "{{ list_source_keys_to_refresh(" ~ arguments ~ ") }}",
            "{{ copy_source_rows_to_refresh(" ~ tojson(source_table) ~ ", " ~ tojson(key_column) ~ ") }}",
            "{{ delete_source_keys_to_refresh(" ~ tojson(key_column) ~ ") }}",
        ],
        post_hook=[
            "{{ store_source_references(" ~ arguments ~ ") }}",
            "{{ drop_source_rows_to_refresh() }}",
        ],
    ) }}
{%- endmacro %}

{#-
    The raw rows this run types: all of them on a full build (and on other engines), the rows
    of the listed keys on an incremental run (copied once by a pre-hook, so the three streams of
    typed_source_rows do not each read the whole export). Passed to typed_source_rows.
-#}
{% macro source_rows_to_type(source_table, key_column) -%}
    {%- if incremental_by_source_key() and is_incremental() -%}
        {{ source_key_bookkeeping_relation('refresh_rows') }}
    {%- else -%}
        {{ crm_input(source_table) }}
    {%- endif -%}
{%- endmacro %}

{#- the hash a stored row keeps of its raw row (raw_rows: the raw relation's alias) -#}
{% macro raw_row_hash(alias) -%}
    {{ return(adapter.dispatch('partner_attribution_raw_row_hash', 'partner_attribution')(alias)) }}
{%- endmacro %}

{% macro default__partner_attribution_raw_row_hash(alias) -%}
    cast(null as {{ dbt.type_bigint() }})
{%- endmacro %}

{% macro duckdb__partner_attribution_raw_row_hash(alias) -%}
    hash({{ alias }})
{%- endmacro %}

{#-
    What the rows look up now, one row per looked-up key: (reference_column, reference_key,
    lookup_hash), plus one 'version' row whose key is the model's definition as JSON
    (incremental_definition_of, and the values of `vars`): any change to it refreshes every key.
-#}
{% macro source_references_now(references, vars) -%}
    {%- set parts = [] -%}
    {%- for reference in references -%}
        {%- set carried = reference.get('carried', []) -%}
        {%- do parts.append(
            "select '" ~ reference.column ~ "' as reference_column, cast(" ~ reference.key ~ ' as '
            ~ dbt.type_string() ~ ') as reference_key, '
            ~ ('sum(hash(' ~ carried | join(', ') ~ '))' if carried else 'cast(0 as hugeint)')
            ~ ' as lookup_hash from ' ~ ref('partner_attribution', reference.model) ~ ' group by ' ~ reference.key) -%}
    {%- endfor -%}
    {%- set version = incremental_definition_of([model.name]) -%}
    {%- for name in vars -%}
        {%- do version.update({'var ' ~ name: var(name)}) -%}
    {%- endfor -%}
    {%- do parts.append("select 'version' as reference_column, '" ~ tojson(version, sort_keys=true) | replace("'", "''")
        ~ "' as reference_key, cast(0 as hugeint) as lookup_hash") -%}
    {{ parts | join('\nunion all\n') }}
{%- endmacro %}

{#- pre-hook: list the keys this run refreshes in <model>__refresh (incremental runs only) -#}
{% macro list_source_keys_to_refresh(source_table, key_column, references, vars) -%}
    {%- if is_incremental() -%}
        {%- set previous = source_key_bookkeeping_relation('references') -%}
        {%- set has_previous = adapter.get_relation(
            database=previous.database, schema=previous.schema, identifier=previous.identifier) is not none -%}
        create or replace table {{ source_key_bookkeeping_relation('refresh') }} as
        with

        raw_keys as (
            select
                coalesce({{ clean_text(key_column) }}, '') as refresh_key,
                count(*) as row_count,
                sum({{ raw_row_hash('raw_rows') }}) as row_hash
            from {{ crm_input(source_table) }} as raw_rows
            group by 1
        ),

        stored_keys as (
            select
                coalesce({{ key_column }}, '') as refresh_key,
                count(*) as row_count,
                sum(raw_row_hash) as row_hash
            from {{ this }}
            group by 1
        ),

        changed_rows as (
            select
                coalesce(raw_keys.refresh_key, stored_keys.refresh_key) as refresh_key,
                'raw rows changed' as refresh_reason
            from raw_keys
            full outer join stored_keys
                on raw_keys.refresh_key = stored_keys.refresh_key
            where raw_keys.row_count is distinct from stored_keys.row_count
                or raw_keys.row_hash is distinct from stored_keys.row_hash
        ),

        references_now as (
            {{ source_references_now(references, vars) }}
        ),

        {% if has_previous -%}
        changed_references as (
            select coalesce(references_now.reference_column, previous.reference_column) as reference_column,
                coalesce(references_now.reference_key, previous.reference_key) as reference_key
            from references_now
            full outer join {{ previous }} as previous
                on references_now.reference_column = previous.reference_column
                and references_now.reference_key = previous.reference_key
            where references_now.lookup_hash is distinct from previous.lookup_hash
        ),

        {% else -%}
        {#- no record of what the stored rows looked up: every key is looked up again -#}
        changed_references as (
            select 'version' as reference_column, '' as reference_key
        ),

        {% endif -%}
        referencing_rows as (
            select
                coalesce(stored.{{ key_column }}, '') as refresh_key,
                'reference changed' as refresh_reason
            from {{ this }} as stored
            where exists (select 1 from changed_references where reference_column = 'version')
            {%- for reference in references %}
                or stored.{{ reference.column }} in (
                    select changed_references.reference_key
                    from changed_references
                    where changed_references.reference_column = '{{ reference.column }}'
                )
            {%- endfor %}
        ),

        {#- a changed definition also retypes keys that are only in the raw export -#}
        all_raw_keys as (
            select
                refresh_key,
                'definition changed' as refresh_reason
            from raw_keys
            where exists (select 1 from changed_references where reference_column = 'version')
        ),

        final as (
            select
                refresh_key,
                min(refresh_reason) as refresh_reason
            from (
                select * from changed_rows
                union all
                select * from referencing_rows
                union all
                select * from all_raw_keys
            ) as reasons
            group by refresh_key
        )

        select * from final
    {%- endif -%}
{%- endmacro %}

{#- pre-hook: copy the raw rows of the keys this run refreshes to <model>__refresh_rows -#}
{% macro copy_source_rows_to_refresh(source_table, key_column) -%}
    {%- if is_incremental() -%}
        create or replace table {{ source_key_bookkeeping_relation('refresh_rows') }} as
        select *
        from {{ crm_input(source_table) }}
        where coalesce({{ clean_text(key_column) }}, '') in (
            select keys_to_refresh.refresh_key
            from {{ source_key_bookkeeping_relation('refresh') }} as keys_to_refresh
        )
    {%- endif -%}
{%- endmacro %}

{#- post-hook: the copied raw rows are typed and stored now -#}
{% macro drop_source_rows_to_refresh() -%}
    {%- if incremental_by_source_key() -%}
        drop table if exists {{ source_key_bookkeeping_relation('refresh_rows') }}
    {%- endif -%}
{%- endmacro %}

{#- pre-hook: delete the stored rows of the keys this run refreshes -#}
{% macro delete_source_keys_to_refresh(key_column) -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where coalesce({{ key_column }}, '') in (
            select keys_to_refresh.refresh_key
            from {{ source_key_bookkeeping_relation('refresh') }} as keys_to_refresh
        )
    {%- endif -%}
{%- endmacro %}

{#- post-hook: keep what the rows looked up in this build, for the next run to compare -#}
{% macro store_source_references(source_table, key_column, references, vars) -%}
    {%- if incremental_by_source_key() -%}
        create or replace table {{ source_key_bookkeeping_relation('references') }} as
        {{ source_references_now(references, vars) }}
    {%- endif -%}
{%- endmacro %}
