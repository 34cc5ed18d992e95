-- name: force_table :many
-- Returns one row a force: force, total, open, overdue, stale, complete, implementation_rate
-- (complete / (total - those closed apart: superseded, no further action needed, risk accepted, carried forward), the
-- rule statuses.IMPLEMENTATION_RULE states),
-- median_open_age_days (median age of open items); sorted by $sort, one of
-- open (default), overdue, implementation_rate, median_open_age_days, force.
-- Params: $filters, $sort.
SELECT force,
       count(*) AS total,
       count(*) FILTER (WHERE is_open) AS open,
       count(*) FILTER (WHERE days_overdue > 0) AS overdue,
       count(*) FILTER (WHERE is_stale) AS stale,
       count(*) FILTER (WHERE status = 'complete') AS complete,
       count(*) FILTER (WHERE status = 'complete') / nullif(count(*) FILTER (WHERE NOT closed_apart(status)), 0) AS implementation_rate,
       median(age_days) FILTER (WHERE is_open) AS median_open_age_days
FROM filtered($filters)
GROUP BY force
ORDER BY
    CASE $sort WHEN 'overdue' THEN overdue WHEN 'implementation_rate' THEN -implementation_rate
               WHEN 'median_open_age_days' THEN median_open_age_days WHEN 'force' THEN 0 ELSE open END DESC NULLS LAST,
    force
