-- name: unfold_spans :exec
-- DuckDB: the spans of the items $keys gone (before they are computed again). Identifiers: {spans} (status_spans or
-- comment_spans). Params: $keys.
DELETE FROM tracker.main.{spans}
WHERE rid IN (SELECT rid FROM tracker.main.rec_base WHERE list_contains($keys::VARCHAR[], key))
