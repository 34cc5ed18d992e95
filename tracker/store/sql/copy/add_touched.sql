-- name: add_touched :exec
-- DuckDB: the items $keys marked as touched by the workflow (their spans come from the overlay tables), once each.
-- Params: $keys.
INSERT INTO tracker.folded.touched
SELECT rid FROM tracker.main.rec_base
WHERE list_contains($keys::VARCHAR[], key) AND rid NOT IN (SELECT rid FROM tracker.folded.touched)
