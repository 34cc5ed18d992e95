-- name: lock_writes :rows
-- PostgreSQL, first in a write that changes the imported facts (an import, a retraction, the directory, a demo): the
-- facts lock, exclusive, held until the transaction ends, so it waits for every item write under way (which holds it
-- shared: share_writes.sql) and they for it. Returns nothing of use. No parameters.
SELECT pg_advisory_xact_lock(7462, 0)
