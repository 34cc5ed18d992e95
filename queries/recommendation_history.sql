-- name: recommendation_history :many
-- Returns every update of recommendation $key dated on or before the filters' date, oldest first (none when the
-- filters do not select it): on_date, status (null for a comment), text, source, position, author, review, percent
-- (the percent complete it gave; null: none).
-- Params: $filters, $key.
SELECT on_date, status, text, source, position, author, review, percent
FROM updates
WHERE key = $key AND on_date <= $filters['as_of']::DATE
  AND key IN (SELECT key FROM filtered($filters) WHERE key = $key)
ORDER BY on_date, position
