-- name: recommendation_history
-- Returns every update of recommendation $key dated on or before $as_of, oldest first:
--   on_date, status (null for a comment), text, source, position.
-- Params: $as_of, $key.
SELECT on_date, status, text, source, position
FROM updates
WHERE key = $key AND on_date <= $as_of::DATE
ORDER BY on_date, position
