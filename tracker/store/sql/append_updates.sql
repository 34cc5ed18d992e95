-- name: append_updates :exec
-- Append the new updates, tagged with $import_id.
INSERT INTO updates (key, on_date, status, text, source, position, import_id, stated_target)
SELECT key, on_date, status, text, source, position, $import_id, stated_target FROM new_updates
