-- name: unlock_migrations :rows
-- PostgreSQL: let go of the migrations' advisory lock. Returns nothing of use. No parameters.
SELECT pg_advisory_unlock(7461)
