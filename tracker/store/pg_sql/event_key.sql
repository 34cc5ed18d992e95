-- name: event_key :rows
-- PostgreSQL, in a workflow write's transaction: the item event %(seq)s is about (key); no row if there is none.
-- Params: %(seq)s.
SELECT key FROM events WHERE seq = %(seq)s
