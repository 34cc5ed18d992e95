-- Append one board meeting to the workflow journal.
INSERT INTO meetings VALUES ($meeting_id, $board, $held_on, $chair_id, $chair, $made_at, $source, $event_id)
