{#-
    The reason rejected_rows gives a malformed CSV line, in words, from DuckDB's error types
    (joined with '; '): too few fields, too many fields, not UTF-8, a stray quote, line too long;
    any other type in lower case.
-#}
{% macro malformed_line_reason(error_type) -%}
    replace(replace(replace(replace(replace(lower({{ error_type }}),
        'missing columns', 'too few fields'),
        'too many columns', 'too many fields'),
        'invalid encoding', 'not UTF-8'),
        'unquoted value', 'stray quote'),
        'line size over maximum', 'line too long')
{%- endmacro %}
