-- name: rows_since :rows
-- PostgreSQL, in a catch-up pull's snapshot: a history table's rows of the writes after number %(since)s up to
-- %(now)s, with their write's number. Identifiers (composed by psycopg.sql, quoted): {table}, {columns}.
-- Params: %(since)s, %(now)s.
SELECT {columns}, change_no FROM {table} WHERE change_no > %(since)s AND change_no <= %(now)s
