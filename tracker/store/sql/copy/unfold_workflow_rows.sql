-- name: unfold_workflow_rows :exec
-- DuckDB: the workflow's history rows of the items $keys gone from the folded-in history (before they are added
-- again). Params: $keys.
DELETE FROM tracker.folded.workflow_rows WHERE list_contains($keys::VARCHAR[], key)
