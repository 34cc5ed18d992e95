-- name: lock_reminders :rows
-- PostgreSQL, in a write that logs a digest: the digests' lock, held until the transaction ends, so a digest for a
-- date is logged once however many runs send at once. Returns nothing of use. No parameters.
SELECT pg_advisory_xact_lock(7462, 3)
