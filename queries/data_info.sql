-- name: data_info
-- Returns one row about the data: recommendations, updates, last_update_on (latest dated update),
-- last_import_at, is_demo, demo_as_of.
-- Params: none.
SELECT (SELECT count(*) FROM recommendations) AS recommendations,
       (SELECT count(*) FROM updates) AS updates,
       (SELECT max(on_date) FROM updates) AS last_update_on,
       (SELECT value FROM meta WHERE key = 'last_import_at') AS last_import_at,
       coalesce((SELECT value FROM meta WHERE key = 'is_demo'), 'false') = 'true' AS is_demo,
       (SELECT value FROM meta WHERE key = 'demo_as_of') AS demo_as_of
