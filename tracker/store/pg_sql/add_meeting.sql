-- name: add_meeting :exec
-- PostgreSQL: one board meeting, stamped with the write's number. Params: %(meeting_id)s, %(board)s, %(held_on)s,
-- %(chair_id)s, %(chair)s, %(made_at)s, %(source)s, %(event_id)s, %(force)s, %(national)s, %(change_no)s.
INSERT INTO meetings (meeting_id, board, held_on, chair_id, chair, made_at, source, event_id, force, national,
                      change_no)
VALUES (%(meeting_id)s, %(board)s, %(held_on)s, %(chair_id)s, %(chair)s, %(made_at)s, %(source)s, %(event_id)s,
        %(force)s, %(national)s, %(change_no)s)
