-- name: meeting_change_counts :many
-- Returns how many of the filtered recommendations changed from the day before $since to the filters' date, so a
-- change made on $since itself (a decision at the previous meeting) counts: one row a change (change, n), every change
-- present even at zero, in this order: 'newly complete', 'newly overdue' (overdue now, not then), 'target revised'
-- (a different target in force now than then), 'new' (published on or after $since).
-- Params: $filters, $since.
WITH now_ AS (
    SELECT key, status, days_overdue, target_current, published_on FROM filtered($filters)
),
then_ AS (
    SELECT key, status, days_overdue, target_current
    FROM rec_state($since::DATE - 1, $filters['stale_days']::INTEGER)
    WHERE key IN (SELECT key FROM now_)
),
flags AS (
    SELECT t.key IS NULL AS is_new,
           t.key IS NOT NULL AND n.status = 'complete' AND t.status <> 'complete' AS newly_complete,
           t.key IS NOT NULL AND n.days_overdue > 0 AND t.days_overdue IS NULL AS newly_overdue,
           t.key IS NOT NULL AND n.target_current IS DISTINCT FROM t.target_current AS target_revised
    FROM now_ n
    LEFT JOIN then_ t USING (key)
),
changes(change, ord) AS (
    VALUES ('newly complete', 1), ('newly overdue', 2), ('target revised', 3), ('new', 4)
)
SELECT c.change,
       CASE c.change WHEN 'newly complete' THEN (SELECT count(*) FILTER (WHERE newly_complete) FROM flags)
                     WHEN 'newly overdue' THEN (SELECT count(*) FILTER (WHERE newly_overdue) FROM flags)
                     WHEN 'target revised' THEN (SELECT count(*) FILTER (WHERE target_revised) FROM flags)
                     ELSE (SELECT count(*) FILTER (WHERE is_new) FROM flags) END AS n
FROM changes c
ORDER BY c.ord
