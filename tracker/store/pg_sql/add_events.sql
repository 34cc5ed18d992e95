-- name: add_events :rows
-- PostgreSQL, a workflow write's last statement before its commit, holding the counter's share lock and its items'
-- locks: this write's events (%(rows)s: a JSON array of rows with the events table's columns), numbered from the
-- events' sequence, stamped with the counted write they follow (%(change_no)s) and, by default, with this
-- transaction's id (what a copy pulls events by). Returns event_id, seq (the number given) for each.
-- Params: %(rows)s, %(change_no)s.
INSERT INTO events (seq, event_id, kind, made_at, on_date, actor_id, actor, role, source, key, submission, comment,
                    status, target, reason, evidence, decision, before, after, meeting, public, change_no)
SELECT nextval('event_numbers'), g.event_id, g.kind, g.made_at, g.on_date, g.actor_id, g.actor, g.role, g.source,
       g.key, g.submission, g.comment, g.status, g.target, g.reason, g.evidence, g.decision, g.before, g.after,
       g.meeting, g.public, %(change_no)s
FROM json_populate_recordset(NULL::events, %(rows)s::json) g
RETURNING event_id, seq
