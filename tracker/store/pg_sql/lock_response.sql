-- name: lock_response :rows
-- PostgreSQL, in a write of a response's step: that response's lock (report %(report)s, force %(force)s), held until
-- the transaction ends, so two steps on one response take turns. Returns nothing of use. Params: %(report)s,
-- %(force)s.
SELECT pg_advisory_xact_lock(hashtextextended(%(report)s || '|' || %(force)s, 26))
