-- name: add_reminder_sent :exec
-- PostgreSQL: a digest sent, stamped with the write's number. Params: %(p)s, %(e)s, %(d)s, %(at)s, %(items)s,
-- %(source)s, %(id)s, %(change_no)s.
INSERT INTO reminders_sent (person_id, email, as_of, sent_at, items, source, event_id, change_no)
VALUES (%(p)s, %(e)s, %(d)s, %(at)s, %(items)s, %(source)s, %(id)s, %(change_no)s)
