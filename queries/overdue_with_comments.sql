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
)
SELECT o.*, c.valid_from AS latest_comment_on, c.text AS latest_comment
FROM overdue o
JOIN rec_base b USING (key)
LEFT JOIN comment_spans c ON c.rid = b.rid AND c.valid_from <= $as_of::DATE AND $as_of::DATE < c.valid_to
ORDER BY o.days_overdue DESC, o.key
