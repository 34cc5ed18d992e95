-- name: schema_versions :rows
-- PostgreSQL: the migrations applied: version. No parameters.
SELECT version FROM schema_version
