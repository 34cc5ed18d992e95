-- name: new_events :rows
-- PostgreSQL, in a pull's REPEATABLE READ transaction: the events a copy does not hold yet, that is those of every
-- transaction from %(since)s on (the oldest that was still running at its last pull) less those it pulled already
-- (%(had)s). Returns the events' columns in the copy's order, then change_no and xid (the writing transaction's id,
-- as text), in number order. Params: %(since)s, %(had)s.
SELECT seq, event_id, kind, made_at, on_date, actor_id, actor, role, source, key, submission, comment, status, target,
       reason, evidence, decision, before, after, meeting, public, change_no, xid::text
FROM events
WHERE xid >= %(since)s::xid8 AND NOT xid = ANY(%(had)s::text[]::xid8[])
ORDER BY seq
