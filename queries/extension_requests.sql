-- name: extension_requests :items
-- Returns the extension requests waiting for a decision (a lead's submission proposing a new target) on the
-- recommendations the filters select, oldest first; a meeting's agenda narrows the filters to its board's items:
-- seq (the request's number), key, id, force, board, lead (who asked), owner, requested_on, target_original,
-- target_current, target_requested, slip_days (requested less current target), total_slip_days (requested less
-- original target), reason, moves (how many times its target has moved so far: target_moves), waited_days (to the
-- filters' date).
-- Params: $filters.
SELECT s.seq, s.key, f.id, f.force, f.board, s.actor AS lead, f.owner, s.on_date AS requested_on, f.target_original,
       f.target_current, s.target AS target_requested, s.target - f.target_current AS slip_days,
       s.target - f.target_original AS total_slip_days, s.reason, coalesce(m.moves, 0) AS moves,
       $filters['as_of']::DATE - s.on_date AS waited_days
FROM submissions s
JOIN filtered($filters) f USING (key)
LEFT JOIN move_counts($filters['as_of'], NULL) m ON m.key = s.key
WHERE s.state = 'waiting' AND s.target IS NOT NULL AND s.on_date <= $filters['as_of']::DATE
ORDER BY s.seq
