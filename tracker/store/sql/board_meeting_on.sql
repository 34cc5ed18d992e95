-- name: board_meeting_on :rows
-- Inside a workflow write: the meeting of board $board of force $force (null: the national board) on day $day, if one
-- is recorded (meeting_id), else no row.
SELECT meeting_id FROM meeting_boards()
WHERE board = $board AND board_force IS NOT DISTINCT FROM $force AND held_on = $day
