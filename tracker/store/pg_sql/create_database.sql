-- name: create_database :exec
-- PostgreSQL, with autocommit: create a database. Identifiers (composed by psycopg.sql, quoted): {name}.
CREATE DATABASE {name}
