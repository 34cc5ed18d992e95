-- name: meeting_facts :rows
-- DuckDB, on a write's own copy (which holds every meeting and the directory): meeting $meeting_id as the rules need
-- it (meeting_id, board, held_on, chair_id, force: whose board it is, null for a national board), or no row.
-- Params: $meeting_id.
SELECT meeting_id, board, held_on, chair_id, board_force FROM meeting_boards() WHERE meeting_id = $meeting_id
