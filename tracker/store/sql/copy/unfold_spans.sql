-- name: unfold_spans :exec
-- DuckDB: the overlay spans of the items $keys gone (before they are computed again). Identifiers: {overlay}
-- (overlay_status_spans or overlay_comment_spans). Params: $keys.
DELETE FROM tracker.folded.{overlay}
WHERE rid IN (SELECT rid FROM tracker.main.rec_base WHERE list_contains($keys::VARCHAR[], key))
