-- name: share_writes :rows
-- PostgreSQL, first in a write whose rules read an item's imported facts: the facts lock, shared, held until the
-- transaction ends, so such writes run side by side while a write that changes the facts (lock_writes.sql) waits for
-- them, and they for it. Returns nothing of use. No parameters.
SELECT pg_advisory_xact_lock_shared(7462, 0)
