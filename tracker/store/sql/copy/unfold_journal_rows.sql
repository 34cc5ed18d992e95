-- name: unfold_journal_rows :exec
-- DuckDB: the workflow's history rows of the items $keys gone from the folded-in history (before they are added
-- again). Params: $keys.
DELETE FROM tracker.folded.journal_rows WHERE list_contains($keys::VARCHAR[], key)
