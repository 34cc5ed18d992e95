-- name: add_reminder_sent :exec
-- Log a digest sent: person, email, the date it was for, when, the items it listed (JSON), from where, event id.
-- Params: $p, $e, $d, $at, $items, $source, $id.
INSERT INTO reminders_sent VALUES ($p, $e, $d, $at, $items, $source, $id)
