-- name: ageing_by_force :many
-- Returns (force, bucket, ageing, n): overdue open recommendations by force and days overdue (bucket 1 to 4, ageing
-- its label: '0–30', '31–90', '91–180', 'over 180'), forces with most overdue first.
-- Params: $filters.
SELECT force, ageing_bucket(days_overdue) AS bucket, bucket_label(ageing_bucket(days_overdue)) AS ageing,
       count(*) AS n,
       sum(count(*)) OVER (PARTITION BY force) AS force_overdue
FROM filtered($filters)
WHERE days_overdue > 0
GROUP BY 1, 2
ORDER BY force_overdue DESC, force, bucket
