-- name: quarterly_trend :many
-- Returns one row a calendar quarter from the first publication to the filters' date:
--   quarter (its first day), quarter_end, published (cumulative), completed (cumulative, by completion date),
--   implementation_rate (completed / published), opened (in the quarter), closed (completed in the quarter),
--   median_days_to_complete (of those completed in the quarter).
-- Params: $filters.
WITH f AS (
    SELECT published_on, completed_on, days_to_complete
    FROM filtered($filters)
    WHERE published_on IS NOT NULL  -- an item whose publication date is unknown belongs to no quarter
),
quarters AS (
    SELECT unnest(generate_series(date_trunc('quarter', (SELECT min(published_on) FROM f)),
                                  date_trunc('quarter', $filters['as_of']::DATE), INTERVAL 3 MONTH))::DATE AS quarter
),
opened AS (SELECT date_trunc('quarter', published_on)::DATE AS quarter, count(*) AS n FROM f GROUP BY 1),
closed AS (
    SELECT date_trunc('quarter', completed_on)::DATE AS quarter, count(*) AS n, median(days_to_complete) AS median_days
    FROM f WHERE completed_on IS NOT NULL GROUP BY 1
)
SELECT q.quarter,
       (q.quarter + INTERVAL 3 MONTH - INTERVAL 1 DAY)::DATE AS quarter_end,
       sum(coalesce(o.n, 0)) OVER w AS published,
       sum(coalesce(c.n, 0)) OVER w AS completed,
       sum(coalesce(c.n, 0)) OVER w / nullif(sum(coalesce(o.n, 0)) OVER w, 0) AS implementation_rate,
       coalesce(o.n, 0) AS opened,
       coalesce(c.n, 0) AS closed,
       c.median_days AS median_days_to_complete
FROM quarters q
LEFT JOIN opened o USING (quarter)
LEFT JOIN closed c USING (quarter)
WINDOW w AS (ORDER BY q.quarter)
ORDER BY q.quarter
