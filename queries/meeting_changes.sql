-- name: meeting_changes :items
-- Returns the filtered recommendations that changed from the day before $since to the filters' date (see
-- meeting_change_counts), one row a change, at most $limit: change, key, id, force, owner, status_before, status_now,
-- target_before, target_now, days_overdue, text. An item can change in more than one way (complete, with a new target).
-- Ordered by change (newly complete, newly overdue, target revised, new), then force and id.
-- Params: $filters, $since, $limit.
WITH now_ AS (
    SELECT * FROM filtered($filters)
),
then_ AS (
    SELECT key, status, days_overdue, target_current
    FROM rec_state($since::DATE - 1, $filters['stale_days']::INTEGER)
    WHERE key IN (SELECT key FROM now_)
),
paired AS (
    SELECT n.*, t.key AS then_key, t.status AS status_before, t.days_overdue AS overdue_before,
           t.target_current AS target_before
    FROM now_ n
    LEFT JOIN then_ t USING (key)
),
changes AS (
    SELECT 1 AS ord, 'newly complete' AS change, * FROM paired
    WHERE then_key IS NOT NULL AND status = 'complete' AND status_before <> 'complete'
    UNION ALL
    SELECT 2, 'newly overdue', * FROM paired WHERE then_key IS NOT NULL AND days_overdue > 0 AND overdue_before IS NULL
    UNION ALL
    SELECT 3, 'target revised', * FROM paired
    WHERE then_key IS NOT NULL AND target_current IS DISTINCT FROM target_before
    UNION ALL
    SELECT 4, 'new', * FROM paired WHERE then_key IS NULL
)
SELECT change, key, id, force, owner, status_before, status AS status_now, target_before,
       target_current AS target_now, days_overdue, text
FROM changes
ORDER BY ord, force, id
LIMIT $limit
