"""The DuckDB file: schema, all-or-nothing writes, the query loader and the exports."""
