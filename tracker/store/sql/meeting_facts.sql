-- Inside a journal write: meeting $meeting_id as the rules need it (meeting_id, board, held_on, chair_id), or no row.
SELECT meeting_id, board, held_on, chair_id FROM meetings WHERE meeting_id = $meeting_id
