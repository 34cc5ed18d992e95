-- name: empty_schema :script
-- PostgreSQL, as the database's owner with autocommit: drop every table and build an empty public schema, holding
-- the migrations' advisory lock so no migration runs meanwhile. Returns nothing. No parameters.
SELECT pg_advisory_lock(7461);
DROP SCHEMA public CASCADE;
CREATE SCHEMA public;
SELECT pg_advisory_unlock(7461);
