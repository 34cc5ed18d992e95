-- name: fold_status_spans :exec
-- DuckDB, on the fold path: the status spans of the items $keys, computed over their history with the workflow
-- folded in (schema/04_spans.sql). Params: $keys.
INSERT INTO tracker.main.status_spans BY NAME SELECT * FROM status_span_rows($keys) ORDER BY valid_from
