-- name: database_facts :one
-- Returns the facts stored with the data, before anyone is identified: is_demo, demo_as_of, last_import_at.
-- Params: none.
SELECT demo_only() AS is_demo,  -- the demo's data alone (schema/02_macros.sql): real data never inherits it
       (SELECT value FROM meta WHERE key = 'demo_as_of') AS demo_as_of,
       (SELECT value FROM meta WHERE key = 'last_import_at') AS last_import_at
