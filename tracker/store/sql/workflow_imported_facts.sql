-- name: workflow_imported_facts :rows
-- Inside a write, on the copy: what the imported history says of recommendation $key on $today, for the workflow
-- rules (workflow/standing.py folds the item's events over it): key, force, owner_id, overseer_id, board, span_from
-- (the day its status on $today began), status and target (its imported status span's), target_current; no row if
-- there is no such item published by $today. Params: $key, $today.
SELECT b.key, b.force, b.owner_id, b.overseer_id, b.board, s.valid_from AS span_from, s.status, s.target,
       b.target_current
FROM tracker.main.rec_base b
LEFT JOIN tracker.main.status_spans s ON s.rid = b.rid AND s.valid_from <= $today AND $today < s.valid_to
WHERE b.key = $key AND (b.published_on IS NULL OR b.published_on <= $today)
