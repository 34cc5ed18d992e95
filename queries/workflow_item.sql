-- name: workflow_item :one
-- Returns the recommendation $key as the workflow rules need it, as of the filters' date (no row when the filters do
-- not select it): key, force, owner_id, overseer_id, is_open, status, target_current, owner, overseer, board,
-- published_on, off_track (marked off track by then), forecast (its revised forecast), off_track_reason,
-- off_track_since; its latest risk acceptance not withdrawn (risk_acceptances): risk_seq, risk_state ('waiting' or
-- 'accepted'), risk_proposed_on, risk_proposed_by, risk_reason, risk_signed_by, risk_signed_as, risk_signed_on,
-- risk_noted_on, risk_board, risk_closed_on (null: none); and carried_to, carried_on, carried_by, carried_reason (the
-- newer item it was carried forward into, when it stands so); moves (how many times its target has moved by then:
-- target_moves). The rules of every write read it too
-- (workflow/events.py, on the write's own small copy of the item).
-- Params: $filters, $key.
SELECT f.key, f.force, f.owner_id, f.overseer_id, f.is_open, f.status, f.target_current, f.owner, f.overseer, f.board,
       f.published_on,
       coalesce(t.off_track, false) AS off_track, CASE WHEN t.off_track THEN t.forecast END AS forecast,
       CASE WHEN t.off_track THEN t.reason END AS off_track_reason,
       CASE WHEN t.off_track THEN t.since END AS off_track_since,
       r.seq AS risk_seq, r.state AS risk_state, r.proposed_on AS risk_proposed_on, r.proposed_by AS risk_proposed_by,
       r.reason AS risk_reason, r.signed_by AS risk_signed_by, r.signed_as AS risk_signed_as,
       r.signed_on AS risk_signed_on, r.noted_on AS risk_noted_on, r.board AS risk_board,
       r.closed_on AS risk_closed_on,
       c.other AS carried_to, c.on_date AS carried_on, c.actor AS carried_by, c.reason AS carried_reason,
       coalesce(m.moves, 0) AS moves
FROM filtered($filters) f
LEFT JOIN tracking_on($filters['as_of']) t ON t.key = f.key
LEFT JOIN (SELECT * FROM risk_acceptances([$key], $filters['as_of']) WHERE state <> 'withdrawn'
           ORDER BY seq DESC LIMIT 1) r ON r.key = f.key
LEFT JOIN carried_forward_on($filters['as_of']) c ON c.key = f.key
LEFT JOIN move_counts($filters['as_of'], [$key]) m ON m.key = f.key
WHERE f.key = $key
