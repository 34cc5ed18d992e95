-- name: create_database_from :exec
-- PostgreSQL, with autocommit: create a database as a copy of a migrated one. Identifiers (composed by psycopg.sql,
-- quoted): {name}, {template}.
CREATE DATABASE {name} TEMPLATE {template}
