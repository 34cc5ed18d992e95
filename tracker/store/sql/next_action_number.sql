-- name: next_action_number :rows
-- DuckDB, on a reader's search path (a write's own copy of the item): the number the next action added to item $key
-- takes, one more than the highest it has had whatever its day (a number is never given twice). Params: $key.
SELECT coalesce(max(json_extract_string(after, '$.action')::INTEGER), 0) + 1
FROM events
WHERE key = $key AND kind = 'action'
