"""The benchmark: plain_core.sql, the project's core marts written straight in DuckDB SQL, as the
yardstick for the dbt build; plain_core runs it with the project's vars, check_plain_core proves it
computes what the project computes, run_benchmark times both."""
