-- name: workflow_item :one
-- Returns the recommendation $key as the workflow rules need it, as of the filters' date (no row when the filters do
-- not select it): key, force, owner_id, overseer_id, is_open, status, target_current, owner, overseer, board. The
-- rules of every write read it too (workflow/events.py, on the write's own small copy of the item).
-- Params: $filters, $key.
SELECT key, force, owner_id, overseer_id, is_open, status, target_current, owner, overseer, board
FROM filtered($filters)
WHERE key = $key
