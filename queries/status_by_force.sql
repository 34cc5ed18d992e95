-- name: status_by_force :many
-- Returns (force, status, n) for the filtered recommendations as of the filters' date, forces by open items, most first.
-- Params: $filters.
SELECT force, status, count(*) AS n,
       sum(count(*) FILTER (WHERE is_open)) OVER (PARTITION BY force) AS force_open
FROM filtered($filters)
GROUP BY force, status
ORDER BY force_open DESC, force, status
