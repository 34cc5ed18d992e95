-- name: item_rows :rows
-- PostgreSQL, in a write's transaction: a history table's rows of the items %(keys)s, with their write's number, for
-- the write's own small copy (store/scratch.py). Identifiers (composed by psycopg.sql, quoted): {table}, {columns}.
-- Params: %(keys)s.
SELECT {columns}, change_no FROM {table} WHERE key = ANY(%(keys)s::text[])
