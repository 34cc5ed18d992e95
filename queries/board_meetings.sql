-- name: board_meetings :many
-- Returns the recorded meetings of board $board, latest first, when the board names a recommendation the filters
-- select (a board the reader cannot see has no meetings for them): meeting_id, held_on, chair (their email),
-- chair_name (from the directory, or null), decisions (how many were recorded against it), made_at.
-- Params: $filters, $board.
SELECT m.meeting_id, m.held_on, m.chair, p.name AS chair_name,
       (SELECT count(*) FROM events e WHERE e.meeting = m.meeting_id) AS decisions, m.made_at
FROM meetings m
LEFT JOIN current_people p ON p.person_id = m.chair_id
WHERE m.board = $board AND EXISTS (SELECT 1 FROM filtered($filters) f WHERE f.board = $board)
ORDER BY m.held_on DESC, m.meeting_id DESC
