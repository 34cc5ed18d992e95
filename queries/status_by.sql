-- name: status_by :many
-- Returns (grp, status, n) for the filtered recommendations as of the filters' date, grouped by force or by theme as
-- $by says ('theme'; anything else: force), groups by open items, most first.
-- Params: $filters, $by.
SELECT CASE $by WHEN 'theme' THEN theme ELSE force END AS grp, status, count(*) AS n,
       sum(count(*) FILTER (WHERE is_open)) OVER (PARTITION BY grp) AS grp_open
FROM filtered($filters)
GROUP BY grp, status
ORDER BY grp_open DESC, grp, status
