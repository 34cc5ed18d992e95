-- name: cohort_completion :many
-- Returns one row a publication year (items whose publication date is unknown left out): year, published,
-- complete_1y and complete_2y (completed within one and two years of publication), share_1y and share_2y (of those
-- published at least one / two years before the filters' date; null while the year is too recent to judge).
-- Params: $filters.
SELECT year(published_on) AS year,
       count(*) AS published,
       count(*) FILTER (WHERE days_to_complete <= 365) AS complete_1y,
       count(*) FILTER (WHERE days_to_complete <= 730) AS complete_2y,
       count(*) FILTER (WHERE days_to_complete <= 365)
           / nullif(count(*) FILTER (WHERE age_days >= 365), 0) AS share_1y,
       count(*) FILTER (WHERE days_to_complete <= 730)
           / nullif(count(*) FILTER (WHERE age_days >= 730), 0) AS share_2y
FROM filtered($filters)
WHERE published_on IS NOT NULL  -- an unknown publication date has no cohort
GROUP BY 1
ORDER BY 1
