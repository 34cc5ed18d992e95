-- name: overdue_with_comments
-- Returns the $limit longest-overdue open recommendations as of $as_of with their latest comment on or before it:
--   key, id, force, report_title, text, owner, status, target_current, days_overdue,
--   latest_comment_on, latest_comment (null when there is none).
-- Params: $as_of, $stale_days, $forces, $themes, $reports, $kinds, $statuses, $owners, $q, $limit.
WITH overdue AS (
    SELECT key, id, force, report_title, text, owner, status, target_current, days_overdue
    FROM filtered($as_of::DATE, $stale_days, $forces::VARCHAR[], $themes::VARCHAR[], $reports::VARCHAR[], $kinds::VARCHAR[], $statuses::VARCHAR[], $owners::VARCHAR[], $q::VARCHAR)
    WHERE days_overdue > 0
    ORDER BY days_overdue DESC, key
    LIMIT $limit
),
latest AS (
    SELECT key, max(on_date) AS latest_comment_on, arg_max(text, (on_date, position)) AS latest_comment
    FROM updates
    WHERE key IN (SELECT key FROM overdue) AND on_date <= $as_of::DATE AND text IS NOT NULL AND trim(text) <> ''
    GROUP BY key
)
SELECT o.*, l.latest_comment_on, l.latest_comment
FROM overdue o
LEFT JOIN latest l USING (key)
ORDER BY o.days_overdue DESC, o.key
