{#-
    Per group, the column sums to exactly 1 or to 0 (within tolerance): e.g. an opportunity's
    sourcing credits. Returns each group whose sum is neither.
-#}
{% test sums_to_one_or_zero(model, column_name, group_by, tolerance=1e-9) %}

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
where abs(total - 1) > {{ tolerance }} and abs(total) > {{ tolerance }}

{% endtest %}
