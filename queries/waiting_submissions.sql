-- name: waiting_submissions :items
-- Returns every submission waiting for a decision on recommendations the filters select, oldest first: seq, key, id,
-- force, report_title, text, owner, overseer, overseer_id, owner_id, is_open, board, current_status, target_current,
-- actor, actor_id, made_at, waited_days (to the filters' date), comment, status (proposed), target (proposed),
-- percent (the percent complete it reports), reason, evidence, moves (how many times the item's target has moved so
-- far: target_moves), open_actions (the numbers of the item's actions still open then, or null: accepting a completion
-- while one is open needs a reason). Only recommendation $key's when it is not null.
-- Params: $filters, $key.
SELECT s.seq, s.key, f.id, f.force, f.report_title, f.text, f.owner, f.overseer, f.overseer_id, f.owner_id, f.is_open,
       f.board, f.status AS current_status, f.target_current, s.actor, s.actor_id, s.made_at,
       $filters['as_of']::DATE - s.on_date AS waited_days, s.comment, s.status, s.target, s.percent, s.reason,
       s.evidence, coalesce(m.moves, 0) AS moves, o.open_actions
FROM submissions s
JOIN filtered($filters) f USING (key)
LEFT JOIN move_counts($filters['as_of'], CASE WHEN $key::VARCHAR IS NULL THEN NULL ELSE [$key::VARCHAR] END) m
       ON m.key = s.key
LEFT JOIN open_actions_on($filters['as_of']) o USING (key)
WHERE s.state = 'waiting' AND ($key::VARCHAR IS NULL OR s.key = $key::VARCHAR)
ORDER BY s.seq
