-- name: copy_rows_in :exec
-- PostgreSQL: COPY rows into a history table from the client, each with its write's number last. Identifiers
-- (composed by psycopg.sql, quoted): {table}, {columns}.
COPY {table} ({columns}, change_no) FROM STDIN
