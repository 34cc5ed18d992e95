-- name: data_info :one
-- Returns one row about the data the reader may see as of the filters' date: recommendations, updates,
-- last_update_on (latest dated update), last_import_at, is_demo, demo_as_of.
-- Params: $filters.
WITH visible AS (SELECT key FROM filtered($filters))
SELECT (SELECT count(*) FROM visible) AS recommendations,
       (SELECT count(*) FROM updates WHERE key IN (SELECT key FROM visible)) AS updates,
       (SELECT max(on_date) FROM updates WHERE key IN (SELECT key FROM visible)) AS last_update_on,
       (SELECT value FROM meta WHERE key = 'last_import_at') AS last_import_at,
       coalesce((SELECT value FROM meta WHERE key = 'is_demo'), 'false') = 'true' AS is_demo,
       (SELECT value FROM meta WHERE key = 'demo_as_of') AS demo_as_of
