-- name: reminder_sent_held :rows
-- Whether a person's digest for a date was sent already: how many log rows say so. Params: $p, $d.
SELECT count(*) FROM reminders_sent WHERE person_id = $p AND as_of = $d
