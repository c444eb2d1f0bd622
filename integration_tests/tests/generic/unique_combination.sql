{#- The host's own unique_combination, with the package's test name and another contract: it fails
    on every model with a row whose first column is null. The package's tests must not run it. -#}
{% test unique_combination(model, columns) %}
select * from {{ model }} where {{ columns[0] }} is null
{% endtest %}
