{#- The listed columns together identify a row: returns each combination that occurs twice or more. -#}
{% test unique_combination(model, columns) %}

with

grouped as (
    select
        {{ columns | join(', ') }},
        count(*) as row_count
    from {{ model }}
    group by {{ columns | join(', ') }}
),

final as (
    select * from grouped
    where row_count > 1
)

select * from final

{% endtest %}
