"""The system of record: PostgreSQL, each process's DuckDB copy of it, all-or-nothing writes and the one SQL loader."""
