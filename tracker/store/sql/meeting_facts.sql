-- name: meeting_facts :rows
-- Inside a journal write: meeting $meeting_id as the rules need it (meeting_id, board, held_on, chair_id, force: whose
-- board it is, null for a national board), or no row.
SELECT meeting_id, board, held_on, chair_id, board_force FROM meeting_boards() WHERE meeting_id = $meeting_id
