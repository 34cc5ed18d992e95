-- name: add_events_checked :rows
-- PostgreSQL, in a workflow write's one round trip, just after it takes the write counter: this write's events
-- (%(rows)s: a JSON array of rows with the events table's columns), numbered after the highest event held (in the
-- order given) and stamped with the write's number; or none at all when anything the write's facts depend on was
-- written meanwhile: an event for the items %(keys)s other than those it read (%(seen)s; a write holding the counter
-- throughout takes no item lock), or, after write %(since)s (its copy's watermark: the imported facts it read), any
-- import, report, recommendation, update, person, name link, import action, meeting or fact (data_version.facts_no,
-- set by such a write: migration V5); or when the database was
-- emptied and built again since (its epoch is not %(epoch)s). Events for other items, reminders and the audit trail
-- do not count. Returns the numbers given, in order (none: the write is made again, holding the counter).
-- Params: %(rows)s, %(since)s, %(keys)s, %(seen)s, %(epoch)s.
WITH v AS (SELECT change_no, epoch::text AS epoch, facts_no FROM data_version),
fine AS (
    SELECT v.epoch = %(epoch)s AND v.facts_no <= %(since)s
       AND NOT EXISTS (SELECT 1 FROM events WHERE key = ANY(%(keys)s::text[]) AND NOT seq = ANY(%(seen)s::bigint[]))
       AS ok
    FROM v
),
top AS (SELECT coalesce(max(seq), 0) AS top FROM events),
given AS (
    SELECT r.*, row_number() OVER (ORDER BY r.seq) AS n
    FROM json_populate_recordset(NULL::events, %(rows)s::json) r
)
INSERT INTO events (seq, event_id, kind, made_at, on_date, actor_id, actor, role, source, key, submission, comment,
                    status, target, reason, evidence, decision, before, after, meeting, change_no)
SELECT top.top + g.n, g.event_id, g.kind, g.made_at, g.on_date, g.actor_id, g.actor, g.role, g.source, g.key,
       g.submission, g.comment, g.status, g.target, g.reason, g.evidence, g.decision, g.before, g.after, g.meeting,
       v.change_no
FROM given g, top, v, fine
WHERE fine.ok
ORDER BY g.n
RETURNING seq
