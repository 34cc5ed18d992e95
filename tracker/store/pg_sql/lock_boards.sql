-- name: lock_boards :rows
-- PostgreSQL, in a write that records a board meeting: the meetings' lock, held until the transaction ends, so two
-- meetings of one board on one day cannot both pass the check. Returns nothing of use. No parameters.
SELECT pg_advisory_xact_lock(7462, 2)
