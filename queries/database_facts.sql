-- name: database_facts :one
-- Returns the facts stored with the data, before anyone is identified: is_demo, demo_as_of, last_import_at.
-- Params: none.
SELECT coalesce((SELECT value FROM meta WHERE key = 'is_demo'), 'false') = 'true' AS is_demo,
       (SELECT value FROM meta WHERE key = 'demo_as_of') AS demo_as_of,
       (SELECT value FROM meta WHERE key = 'last_import_at') AS last_import_at
