-- name: overdue_with_comments :items
-- Returns the $limit longest-overdue open recommendations as of the filters' date with their latest comment on or
-- before it: key, id, force, report_title, text, owner, status, target_current, days_overdue, percent (its latest
-- percent complete; null: none), slip_days (current target minus original), is_stale, latest_comment_on,
-- latest_comment (null when there is none).
-- Params: $filters, $limit.
WITH overdue AS (
    SELECT key, id, force, report_title, text, owner, status, target_current, days_overdue, percent,
           target_current - target_original AS slip_days, is_stale
    FROM filtered($filters)
    WHERE days_overdue > 0
    ORDER BY days_overdue DESC, key
    LIMIT $limit
)
SELECT o.*, c.valid_from AS latest_comment_on, c.text AS latest_comment
FROM overdue o
JOIN rec_base b USING (key)
LEFT JOIN comment_spans c ON c.rid = b.rid AND c.valid_from <= $filters['as_of']::DATE AND $filters['as_of']::DATE < c.valid_to
ORDER BY o.days_overdue DESC, o.key
