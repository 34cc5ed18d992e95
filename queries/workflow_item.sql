-- name: workflow_item :one
-- Returns the recommendation $key as the workflow rules need it, as of the filters' date (no row when the filters do
-- not select it): key, force, owner_id, overseer_id, is_open, status, target_current, owner, overseer, board,
-- off_track (marked off track by then), forecast (its revised forecast), off_track_reason, off_track_since, moves (how
-- many times its target has moved by then: target_moves). The rules of every write read it too (workflow/events.py,
-- on the write's own small copy of the item).
-- Params: $filters, $key.
SELECT f.key, f.force, f.owner_id, f.overseer_id, f.is_open, f.status, f.target_current, f.owner, f.overseer, f.board,
       coalesce(t.off_track, false) AS off_track, CASE WHEN t.off_track THEN t.forecast END AS forecast,
       CASE WHEN t.off_track THEN t.reason END AS off_track_reason,
       CASE WHEN t.off_track THEN t.since END AS off_track_since,
       coalesce(m.moves, 0) AS moves
FROM filtered($filters) f
LEFT JOIN tracking_on($filters['as_of']) t ON t.key = f.key
LEFT JOIN move_counts($filters['as_of'], [$key]) m ON m.key = f.key
WHERE f.key = $key
