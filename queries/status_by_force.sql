-- name: status_by_force
-- Returns (force, status, n) for the filtered recommendations as of $as_of, forces by open items, most first.
-- Params: $as_of, $stale_days, $forces, $themes, $reports, $kinds, $statuses, $owners, $q.
SELECT force, status, count(*) AS n,
       sum(count(*) FILTER (WHERE is_open)) OVER (PARTITION BY force) AS force_open
FROM filtered($as_of::DATE, $stale_days, $forces::VARCHAR[], $themes::VARCHAR[], $reports::VARCHAR[], $kinds::VARCHAR[], $statuses::VARCHAR[], $owners::VARCHAR[], $q::VARCHAR)
GROUP BY force, status
ORDER BY force_open DESC, force, status
