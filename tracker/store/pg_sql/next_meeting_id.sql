-- name: next_meeting_id :rows
-- PostgreSQL, in a write holding the counter: the next meeting's number. Returns one number. No parameters.
SELECT coalesce(max(meeting_id), 0) + 1 FROM meetings
