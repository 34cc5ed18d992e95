-- name: database_exists :rows
-- PostgreSQL, on the server's own database: a row if the database named exists. Params: %(name)s.
SELECT 1 FROM pg_database WHERE datname = %(name)s
