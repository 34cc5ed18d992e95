-- name: fold_comment_spans :exec
-- DuckDB, on the fold path: the comment spans of the items $keys computed over the folded-in history, into the
-- overlay. Params: $keys.
INSERT INTO tracker.folded.overlay_comment_spans SELECT * FROM comment_span_rows($keys)
