-- name: stale_items
-- Returns open recommendations with no update for more than $stale_days days as of $as_of:
--   key, id, force, report_title, text, owner, status, last_update_on, days_since_update, target_current;
--   longest silence first, at most $limit rows.
-- Params: $as_of, $stale_days, $forces, $themes, $reports, $kinds, $statuses, $owners, $q, $limit.
SELECT key, id, force, report_title, text, owner, status, last_update_on, days_since_update, target_current
FROM filtered($as_of::DATE, $stale_days, $forces::VARCHAR[], $themes::VARCHAR[], $reports::VARCHAR[], $kinds::VARCHAR[], $statuses::VARCHAR[], $owners::VARCHAR[], $q::VARCHAR)
WHERE is_stale
ORDER BY days_since_update DESC, key
LIMIT $limit
