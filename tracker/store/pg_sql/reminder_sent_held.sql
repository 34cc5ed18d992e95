-- name: reminder_sent_held :rows
-- PostgreSQL: whether a digest to person %(p)s for date %(d)s is logged already. Returns a count. Params: %(p)s,
-- %(d)s.
SELECT count(*) FROM reminders_sent WHERE person_id = %(p)s AND as_of = %(d)s
