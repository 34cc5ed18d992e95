-- name: open_causes :items
-- Returns each open cause of concern the filters select, as it stood on the filters' date, with the recommendations
-- answering it: key, id, force, report_title, text, status, days_overdue, recommendations, complete, overdue (of
-- them); those with the most overdue recommendations first, then the oldest.
-- Params: $filters.
WITH items AS (SELECT * FROM filtered($filters)),
answers AS (
    SELECT cause_key, count(*) AS recommendations, count(*) FILTER (WHERE status = 'complete') AS complete,
           count(*) FILTER (WHERE days_overdue > 0) AS overdue
    FROM items WHERE cause_key IS NOT NULL GROUP BY cause_key
)
SELECT c.key, c.id, c.force, c.report_title, c.text, c.status, c.days_overdue,
       coalesce(a.recommendations, 0) AS recommendations, coalesce(a.complete, 0) AS complete,
       coalesce(a.overdue, 0) AS overdue
FROM items c
LEFT JOIN answers a ON a.cause_key = c.key
WHERE c.kind = 'cause of concern' AND c.is_open
ORDER BY coalesce(a.overdue, 0) DESC, c.published_on NULLS LAST, c.key
