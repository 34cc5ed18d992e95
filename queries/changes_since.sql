-- name: changes_since :items
-- Returns the filtered recommendations whose position changed between $since and the filters' date, one row each:
--   key, id, force, report_title, text, owner, status_before ('not yet published' when published after $since),
--   status_now, days_overdue, change: 'newly complete' (complete now, not then), 'newly overdue' (overdue now,
--   not then, against today's target), 'new' (published after $since), or 'status changed'.
-- Ordered by change, then force and id.
-- Params: $filters, $since.
WITH now_ AS (
    SELECT * FROM filtered($filters)
),
then_ AS (
    SELECT key, status, days_overdue
    FROM rec_state($since::DATE, $filters['stale_days']::INTEGER)
    WHERE key IN (SELECT key FROM now_)
),
compared AS (
    SELECT n.key, n.id, n.force, n.report_title, n.text, n.owner,
           coalesce(t.status, 'not yet published') AS status_before, n.status AS status_now, n.days_overdue,
           CASE WHEN t.key IS NULL THEN 'new'
                WHEN n.status = 'complete' AND t.status <> 'complete' THEN 'newly complete'
                WHEN n.days_overdue > 0 AND t.days_overdue IS NULL THEN 'newly overdue'
                WHEN n.status <> t.status THEN 'status changed'
           END AS change
    FROM now_ n
    LEFT JOIN then_ t USING (key)
)
SELECT *
FROM compared
WHERE change IS NOT NULL
ORDER BY CASE change WHEN 'newly complete' THEN 1 WHEN 'newly overdue' THEN 2 WHEN 'status changed' THEN 3 ELSE 4 END,
         force, id
