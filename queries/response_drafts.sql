-- name: response_drafts :many
-- Returns every saved draft of force $force's response to report $report made by the filters' date, newest first,
-- when the reader may see that force: step_id, made_at, actor, version, overall, plan (JSON).
-- Params: $filters, $report, $force.
SELECT step_id, made_at, actor, version, overall, plan
FROM responses
WHERE report = $report AND force = $force AND kind = 'draft' AND on_date <= $filters['as_of']::DATE
  AND ($filters['scope'] IS NULL OR list_contains($filters['scope']::VARCHAR[], $force))
ORDER BY step_id DESC
