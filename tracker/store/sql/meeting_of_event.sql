-- name: meeting_of_event :rows
-- The meeting a write recorded already (no row: not yet): meeting_id. Params: $id (the write's event id).
SELECT meeting_id FROM meetings WHERE event_id = $id
