-- name: next_meeting_id :rows
-- The next meeting's number: one number. No parameters.
SELECT coalesce(max(meeting_id), 0) + 1 FROM meetings
