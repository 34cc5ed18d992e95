-- name: meeting_of_event :rows
-- PostgreSQL: the meeting a write with event id %(id)s recorded, if it was (its writer died before reading the
-- result). Returns meeting_id. Params: %(id)s.
SELECT meeting_id FROM meetings WHERE event_id = %(id)s
