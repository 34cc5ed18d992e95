-- name: stale_items :items
-- Returns open recommendations with no update for more than the filters' stale_days as of their date:
--   key, id, force, report_title, text, owner, status, last_update_on, days_since_update, target_current, days_overdue,
--   slip_days (current target minus original), is_stale, percent (its latest percent complete; null: none);
--   longest silence first, at most $limit rows.
-- Params: $filters, $limit.
SELECT key, id, force, report_title, text, owner, status, last_update_on, days_since_update, target_current,
       days_overdue, target_current - target_original AS slip_days, is_stale, percent
FROM filtered($filters)
WHERE is_stale
ORDER BY days_since_update DESC, key
LIMIT $limit
