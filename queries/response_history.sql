-- name: response_history :many
-- Returns every step of force $force's response to report $report made by the filters' date, oldest first, when the
-- reader may see that force: step_id, made_at, kind, version, actor, role, source, stage_before, stage_after,
-- published_on, address.
-- Params: $filters, $report, $force.
SELECT step_id, made_at, kind, version, actor, role, source, stage_before, stage_after, published_on, address
FROM responses
WHERE report = $report AND force = $force AND on_date <= $filters['as_of']::DATE
  AND ($filters['scope'] IS NULL OR list_contains($filters['scope']::VARCHAR[], $force))
ORDER BY step_id
