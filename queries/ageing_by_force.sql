-- name: ageing_by_force
-- Returns (force, ageing, n): overdue open recommendations by force and days overdue
-- ('0–30', '31–90', '91–180', 'over 180'), forces with most overdue first.
-- Params: $as_of, $stale_days, $forces, $themes, $reports, $kinds, $statuses, $owners, $q.
SELECT force,
       CASE WHEN days_overdue <= 30 THEN '0–30' WHEN days_overdue <= 90 THEN '31–90'
            WHEN days_overdue <= 180 THEN '91–180' ELSE 'over 180' END AS ageing,
       count(*) AS n,
       sum(count(*)) OVER (PARTITION BY force) AS force_overdue
FROM filtered($as_of::DATE, $stale_days, $forces::VARCHAR[], $themes::VARCHAR[], $reports::VARCHAR[], $kinds::VARCHAR[], $statuses::VARCHAR[], $owners::VARCHAR[], $q::VARCHAR)
WHERE days_overdue > 0
GROUP BY 1, 2
ORDER BY force_overdue DESC, force, ageing
