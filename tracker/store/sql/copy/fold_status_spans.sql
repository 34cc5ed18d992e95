-- name: fold_status_spans :exec
-- DuckDB, on the fold path: the status spans of the items $keys computed over the folded-in history, into the overlay.
-- Params: $keys.
INSERT INTO tracker.folded.overlay_status_spans SELECT * FROM status_span_rows($keys)
