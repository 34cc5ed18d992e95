-- name: add_schema_version_table :exec
-- PostgreSQL: the table of applied migrations, made if missing (before the first migration). No parameters.
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL,
                                          installed_by TEXT NOT NULL, installed_on TIMESTAMP NOT NULL DEFAULT now())
