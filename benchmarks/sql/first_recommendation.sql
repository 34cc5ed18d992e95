-- name: first_recommendation :rows
-- The first recommendation by key, for the queries' typical parameters. Returns key, id. No parameters.
SELECT key, id FROM recommendations ORDER BY key LIMIT 1
