{#- Every row where `if_true` holds must have `then_true` hold too (both SQL conditions); returns the rows that break it. -#}
{% test implies(model, if_true, then_true) %}

select *
from {{ model }}
where ({{ if_true }}) and not coalesce(({{ then_true }}), false)

{% endtest %}
