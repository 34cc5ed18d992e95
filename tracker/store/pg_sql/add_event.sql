-- name: add_event :rows
-- PostgreSQL, in a write holding its items' locks: one event, numbered from the events' sequence, stamped with the
-- write's number. Returns seq. Params: %(event_id)s, %(kind)s, %(made_at)s, %(on_date)s, %(actor_id)s, %(actor)s,
-- %(role)s, %(source)s, %(key)s, %(submission)s, %(comment)s, %(status)s, %(target)s, %(reason)s, %(evidence)s,
-- %(decision)s, %(before)s, %(after)s, %(meeting)s, %(public)s, %(change_no)s.
INSERT INTO events (seq, event_id, kind, made_at, on_date, actor_id, actor, role, source, key, submission, comment,
                    status, target, reason, evidence, decision, before, after, meeting, public, change_no)
VALUES (nextval('event_numbers'), %(event_id)s, %(kind)s, %(made_at)s, %(on_date)s, %(actor_id)s, %(actor)s,
        %(role)s, %(source)s, %(key)s, %(submission)s, %(comment)s, %(status)s, %(target)s, %(reason)s,
        %(evidence)s, %(decision)s, %(before)s, %(after)s, %(meeting)s, %(public)s, %(change_no)s)
RETURNING seq
