-- name: lock_item :rows
-- PostgreSQL, in a workflow write's transaction: take item %(key)s's lock, held until the transaction ends, so writes
-- on one item take turns (each reads the item's events after the one before it committed). There is no row an item
-- in PostgreSQL to lock FOR UPDATE (its history is many rows), so the lock is an advisory one on the key. Returns
-- nothing of use. Params: %(key)s.
SELECT pg_advisory_xact_lock(hashtextextended(%(key)s, 25))
