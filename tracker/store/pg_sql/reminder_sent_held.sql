-- name: reminder_sent_held :rows
-- PostgreSQL: whether a digest to person %(p)s for date %(d)s is logged as sent and not refused since (each refusal
-- answers one sending). Returns true or false. Params: %(p)s, %(d)s.
SELECT (SELECT count(*) FROM reminders_sent WHERE person_id = %(p)s AND as_of = %(d)s)
     > (SELECT count(*) FROM reminders_bounced WHERE person_id = %(p)s AND as_of = %(d)s)
