-- name: own_xid :rows
-- PostgreSQL, in a write holding the counter that appended events: this transaction's id (its events carry it), so
-- the copy that wrote them does not pull them again. Returns xid as text. No parameters.
SELECT pg_current_xact_id()::text
