-- name: at_risk_items :items
-- Returns the open recommendations the filters select that are not yet overdue and less likely than not to be
-- complete by their current target (forecast_rows: p_by_target under one half), least likely first, at most $limit:
-- key, id, force, report_title, text, owner, status, target_current, basis, age, p_by_target, expected_on.
-- Params: $filters, $limit.
SELECT * EXCLUDE (grp, days_overdue)
FROM forecast_rows($filters, NULL)
WHERE days_overdue IS NULL AND p_by_target < 0.5
ORDER BY p_by_target, key
LIMIT $limit
