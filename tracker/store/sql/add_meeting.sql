-- name: add_meeting :exec
-- Append one board meeting to the workflow journal: a force's board ($force), or a national one ($national).
INSERT INTO meetings (meeting_id, board, held_on, chair_id, chair, made_at, source, event_id, force, national)
VALUES ($meeting_id, $board, $held_on, $chair_id, $chair, $made_at, $source, $event_id, $force, $national)
