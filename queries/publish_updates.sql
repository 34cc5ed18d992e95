-- name: publish_updates :items
-- Returns every update whose text is public, dated on or before the filters' date, of the recommendations the filters
-- select that are not withheld (by the reviewers' latest say, whenever made), oldest first within each item: key,
-- on_date, status, text.
-- Params: $filters.
SELECT key, on_date, status, text
FROM updates
WHERE public AND text IS NOT NULL AND on_date <= $filters['as_of']::DATE
  AND key IN (SELECT key FROM filtered($filters)) AND key NOT IN (SELECT key FROM withholdings WHERE withheld)
ORDER BY key, on_date, position
