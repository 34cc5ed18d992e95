-- PostgreSQL, in a workflow write's one round trip, just after it takes the write counter: this write's events
-- (%(rows)s: a JSON array of rows with the events table's columns), numbered after the highest event held (in the
-- order given) and stamped with the write's number; or none at all when anything written after write %(since)s could
-- change what the rules read for the items %(keys)s (an event for one of them, other than %(ahead)s: the writer's own,
-- which its copy holds ahead of its watermark; or any import, report, recommendation,
-- update, person, name link, import action, meeting or fact: events for other items, reminders and the audit trail do
-- not), or when the database was emptied and built again since (its epoch is not %(epoch)s). Returns the numbers
-- given, in order (none: the write is checked again, holding the counter). Params: %(rows)s, %(since)s, %(keys)s,
-- %(epoch)s, %(ahead)s.
WITH v AS (SELECT change_no, epoch::text AS epoch FROM data_version),
fine AS (
    SELECT (SELECT epoch FROM v) = %(epoch)s
       AND NOT (EXISTS (SELECT 1 FROM events WHERE change_no > %(since)s AND key = ANY(%(keys)s)
                                                AND NOT event_id = ANY(%(ahead)s::text[]))
             OR EXISTS (SELECT 1 FROM meta WHERE change_no > %(since)s)
             OR EXISTS (SELECT 1 FROM imports WHERE change_no > %(since)s)
             OR EXISTS (SELECT 1 FROM reports WHERE change_no > %(since)s)
             OR EXISTS (SELECT 1 FROM recommendation_versions WHERE change_no > %(since)s)
             OR EXISTS (SELECT 1 FROM extra_forces WHERE change_no > %(since)s)
             OR EXISTS (SELECT 1 FROM updates WHERE change_no > %(since)s)
             OR EXISTS (SELECT 1 FROM people WHERE change_no > %(since)s)
             OR EXISTS (SELECT 1 FROM name_aliases WHERE change_no > %(since)s)
             OR EXISTS (SELECT 1 FROM import_actions WHERE change_no > %(since)s)
             OR EXISTS (SELECT 1 FROM meetings WHERE change_no > %(since)s)) AS ok
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
