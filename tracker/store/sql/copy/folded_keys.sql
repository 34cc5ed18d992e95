-- name: folded_keys :rows
-- DuckDB: the items the workflow added history rows to, in key order. Returns key. No parameters.
SELECT DISTINCT key FROM tracker.folded.journal_rows ORDER BY key
