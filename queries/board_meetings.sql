-- name: board_meetings :many
-- Returns the recorded meetings of board $board of force $force (null: the national board of that name), latest
-- first, when the reader may see that board: a force's board when it names a recommendation the filters select in
-- that force, a national board only for a national reader (another force's board, or a national one for a force's
-- reader, has no meetings for them): meeting_id, held_on, chair (their email), chair_id, chair_name (from the
-- directory, or null), decisions (how many were recorded against it), made_at.
-- Params: $filters, $board, $force.
SELECT m.meeting_id, m.held_on, m.chair, m.chair_id, p.name AS chair_name,
       (SELECT count(*) FROM events e WHERE e.meeting = m.meeting_id) AS decisions, m.made_at
FROM meeting_boards() m
LEFT JOIN current_people p ON p.person_id = m.chair_id
WHERE m.board = $board AND m.board_force IS NOT DISTINCT FROM $force::VARCHAR
  AND ($force::VARCHAR IS NOT NULL OR $filters['scope'] IS NULL)
  AND EXISTS (SELECT 1 FROM filtered($filters) f
              WHERE f.board = $board AND ($force::VARCHAR IS NULL OR f.force = $force::VARCHAR))
ORDER BY m.held_on DESC, m.meeting_id DESC
