{#-
    on-run-start hook: create the small SQL functions an engine needs for staging and does not
    have. PostgreSQL has no try_cast, so `pa_try_timestamptz`, `pa_try_timestamp` and
    `pa_try_numeric` (in the raw schema, which the project owns) return null instead of failing on text that does not
    parse. Other engines need nothing.
-#}
{% macro create_sql_helpers() -%}
    {{ return(adapter.dispatch('partner_attribution_create_sql_helpers', 'partner_attribution')()) }}
{%- endmacro %}


{% macro default__partner_attribution_create_sql_helpers() -%}
    select 1 as no_sql_helpers_needed
{%- endmacro %}


{% macro postgres__partner_attribution_create_sql_helpers() -%}
    create schema if not exists {{ adapter.quote(partner_raw_schema()) }};

    create or replace function {{ adapter.quote(partner_raw_schema()) }}.pa_try_timestamptz(value text)
    returns timestamptz language plpgsql immutable as $$
    begin
        -- only ISO-8601 dates and times: PostgreSQL would also read 'yesterday' or 'epoch'
        if value !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?)? ?([Zz]|[+-][0-9]{2}(:?[0-9]{2})?)?$' then
            return null;
        end if;
        return value::timestamptz;
    exception when others then
        return null;
    end;
    $$;

    create or replace function {{ adapter.quote(partner_raw_schema()) }}.pa_try_timestamp(value text)
    returns timestamp language plpgsql immutable as $$
    begin
        if value !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?)?$' then
            return null;
        end if;
        return value::timestamp;
    exception when others then
        return null;
    end;
    $$;

    create or replace function {{ adapter.quote(partner_raw_schema()) }}.pa_try_numeric(value text)
    returns numeric language plpgsql immutable as $$
    begin
        -- plain decimals only: no NaN, Infinity or thousands separators
        if value !~ '^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$' then
            return null;
        end if;
        return value::numeric;
    exception when others then
        return null;
    end;
    $$
{%- endmacro %}
