-- name: add_reminder_setting :exec
-- PostgreSQL: a person's reminder setting, stamped with the write's number. Params: %(p)s, %(c)s, %(at)s,
-- %(actor)s, %(source)s, %(id)s, %(change_no)s.
INSERT INTO reminder_settings (person_id, cadence, made_at, actor, source, event_id, change_no)
VALUES (%(p)s, %(c)s, %(at)s, %(actor)s, %(source)s, %(id)s, %(change_no)s)
