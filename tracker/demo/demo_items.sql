-- name: demo_items :rows
-- Every recommendation the demo's history is made on, as of the filters' date, by key: key, force, report (its id),
-- report_title, published_on, board, status, is_open, owner_id, overseer_id.
SELECT key, force, report, report_title, published_on, board, status, is_open, owner_id, overseer_id
FROM filtered($filters)
ORDER BY key
