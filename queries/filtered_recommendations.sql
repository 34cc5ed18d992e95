-- name: filtered_recommendations
-- Returns every filtered recommendation as of $as_of, for download: key, id, force, report_title, kind, theme,
-- text, status, published_on, owner, overseer, target_original, target_current, days_overdue, is_stale,
-- last_update_on; by force then id.
-- Params: $as_of, $stale_days, $forces, $themes, $reports, $kinds, $statuses, $owners, $q.
SELECT key, id, force, report_title, kind, theme, text, status, published_on, owner, overseer, target_original,
       target_current, days_overdue, is_stale, last_update_on
FROM filtered($as_of::DATE, $stale_days, $forces::VARCHAR[], $themes::VARCHAR[], $reports::VARCHAR[], $kinds::VARCHAR[], $statuses::VARCHAR[], $owners::VARCHAR[], $q::VARCHAR)
ORDER BY force, id
