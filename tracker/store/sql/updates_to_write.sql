-- name: updates_to_write :rows
-- DuckDB, on an import's own copy: the updates not held yet (new_updates) tagged with $import_id, in the columns
-- {columns} of updates, in their file order; each with its author, review and percent complete as the file said
-- (null: it did not).
-- Params: $import_id.
SELECT {columns} FROM (
    SELECT key, on_date, status, text, source, position, $import_id::INTEGER AS import_id, stated_target,
           false AS decided, author, review, percent::INTEGER AS percent
    FROM new_updates
    ORDER BY key, on_date, position
)
