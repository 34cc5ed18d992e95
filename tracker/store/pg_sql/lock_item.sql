-- name: lock_item :rows
-- PostgreSQL, in a write's transaction: take the locks of the items %(keys)s, in the order given (key order, so two
-- writes cannot deadlock), each held until the transaction ends, so writes on one item take turns (each reads the
-- item after the one before it committed). There is no row an item in PostgreSQL to lock FOR UPDATE (its history is
-- many rows), so the lock is an advisory one on the key. Returns nothing of use. Params: %(keys)s.
SELECT pg_advisory_xact_lock(hashtextextended(k, 25)) FROM unnest(%(keys)s::text[]) WITH ORDINALITY AS u (k, n)
ORDER BY n
