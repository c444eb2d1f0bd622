{#-
    Per group, the column sums to 1 within tolerance (or to 0 as well, with allow_zero): e.g. an
    opportunity's attribution weights under one model, or its sourcing credits. Returns each
    group whose sum is off.
-#}
{% test sums_to_one(model, column_name, group_by, tolerance=1e-9, allow_zero=false) %}

with

sums as (
    select
        {{ group_by | join(', ') }},
        sum({{ column_name }}) as total
    from {{ model }}
    group by {{ group_by | join(', ') }}
)

select *
from sums
where
    abs(total - 1) > {{ tolerance }}
    {%- if allow_zero %}
    and abs(total) > {{ tolerance }}
    {%- endif %}

{% endtest %}
