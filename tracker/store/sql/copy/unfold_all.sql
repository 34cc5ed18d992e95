-- name: unfold_all :exec
-- DuckDB: the rows the workflow's events add to the history, of every item, gone (before they are all computed
-- again). No parameters.
DELETE FROM tracker.folded.workflow_rows
