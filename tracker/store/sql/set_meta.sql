-- name: set_meta :exec
-- Set one fact about the data ($key = $value).
INSERT OR REPLACE INTO meta VALUES ($key, $value)
