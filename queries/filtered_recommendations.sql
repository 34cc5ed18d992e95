-- name: filtered_recommendations :items
-- Returns every filtered recommendation as of the filters' date, for download: key, id, force, report_title, kind,
-- theme, text, status, published_on, owner, overseer, target_original, target_current, days_overdue, is_stale,
-- last_update_on; by force then id.
-- Params: $filters.
SELECT key, id, force, report_title, kind, theme, text, status, published_on, owner, overseer, target_original,
       target_current, days_overdue, is_stale, last_update_on
FROM filtered($filters)
ORDER BY force, id
