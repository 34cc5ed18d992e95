-- name: add_reminder_bounced :exec
-- PostgreSQL: the mail server refused the digest logged for person %(p)s and date %(d)s, stamped with the write's
-- number. Params: %(p)s, %(d)s, %(at)s, %(detail)s, %(change_no)s.
INSERT INTO reminders_bounced (person_id, as_of, bounced_at, detail, change_no)
VALUES (%(p)s, %(d)s, %(at)s, %(detail)s, %(change_no)s)
