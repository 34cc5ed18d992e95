-- name: for_decision :items
-- Returns the submissions waiting for a decision, on recommendations the filters select, that propose completion
-- (a submission proposing a new target is an extension request: extension_requests lists it), oldest first: seq,
-- key, id, force, owner, current_status, target_current, actor, actor_id, owner_id, overseer_id, on_date, status
-- (proposed), target (proposed: none here), reason, comment.
-- Params: $filters.
SELECT s.seq, s.key, f.id, f.force, f.owner, f.status AS current_status, f.target_current, s.actor, s.actor_id,
       f.owner_id, f.overseer_id, s.on_date, s.status, s.target, s.reason, s.comment
FROM submissions s
JOIN filtered($filters) f USING (key)
WHERE s.state = 'waiting' AND s.status = 'complete' AND s.target IS NULL
ORDER BY s.seq
