-- name: publish_updates :items
-- Returns every update whose text is public, of the recommendations the filters select that are not withheld on the
-- filters' date, dated on or before it, oldest first within each item: key, on_date, status, text.
-- Params: $filters.
WITH items AS (SELECT key FROM filtered($filters)),
withheld AS (
    SELECT key FROM events
    WHERE kind = 'withhold' AND on_date <= $filters['as_of']::DATE AND key IN (SELECT key FROM items)
    GROUP BY key HAVING arg_max(decision, seq) = 'withhold'
)
SELECT key, on_date, status, text
FROM updates
WHERE public AND text IS NOT NULL AND on_date <= $filters['as_of']::DATE
  AND key IN (SELECT key FROM items) AND key NOT IN (SELECT key FROM withheld)
ORDER BY key, on_date, position
