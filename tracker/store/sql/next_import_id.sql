-- name: next_import_id :rows
-- The id the next import gets.
SELECT coalesce(max(id), 0) + 1 FROM imports
