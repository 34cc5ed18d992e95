-- name: first_recommendation :rows
-- The first recommendation by key, for the queries' typical parameters. Returns key, id, force, report.
-- No parameters.
SELECT key, id, force, report FROM recommendations ORDER BY key LIMIT 1
