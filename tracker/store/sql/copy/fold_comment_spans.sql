-- name: fold_comment_spans :exec
-- DuckDB, on the fold path: the comment spans of the items $keys, computed over their history with the workflow
-- folded in. Params: $keys.
INSERT INTO tracker.main.comment_spans BY NAME SELECT * FROM comment_span_rows($keys) ORDER BY rid
