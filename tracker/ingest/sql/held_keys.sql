-- name: held_keys :rows
-- Every recommendation key the database holds: key. No parameters.
SELECT key FROM recommendations
