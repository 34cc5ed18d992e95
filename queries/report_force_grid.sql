-- name: report_force_grid :many
-- Returns (report_title, published_on, force, n, complete, share_complete, open, overdue) for the $limit reports
-- with the most recommendations among the filtered ones, newest report first.
-- Params: $filters, $limit.
WITH f AS (
    SELECT report_title, published_on, force, status, is_open, days_overdue
    FROM filtered($filters)
),
top AS (
    SELECT report_title, min(published_on) AS published_on, count(*) AS total
    FROM f GROUP BY 1 ORDER BY total DESC, published_on DESC NULLS LAST LIMIT $limit
)
SELECT f.report_title, top.published_on, f.force, count(*) AS n,
       count(*) FILTER (WHERE f.status = 'complete') AS complete,
       count(*) FILTER (WHERE f.status = 'complete') / count(*) AS share_complete,
       count(*) FILTER (WHERE f.is_open) AS open,
       count(*) FILTER (WHERE f.days_overdue > 0) AS overdue
FROM f JOIN top USING (report_title)
GROUP BY f.report_title, top.published_on, f.force
ORDER BY top.published_on DESC NULLS LAST, f.report_title, f.force
