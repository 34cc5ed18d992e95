-- name: lock_migrations :rows
-- PostgreSQL: take the migrations' advisory lock, so migrators take turns (several replicas start at once), held
-- until unlock_migrations. Returns nothing of use. No parameters.
SELECT pg_advisory_lock(7461)
