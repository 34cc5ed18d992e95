-- name: data_info :one
-- Returns one row about the data the reader may see as of the filters' date: recommendations, updates (dated on or
-- before it), last_update_on (the latest of them), last_import_at, is_demo, demo_as_of.
-- Params: $filters.
SELECT count(*) AS recommendations,
       coalesce(sum(n_updates), 0) AS updates,
       max(last_update_on) AS last_update_on,
       (SELECT value FROM meta WHERE key = 'last_import_at') AS last_import_at,
       demo_only() AS is_demo,
       (SELECT value FROM meta WHERE key = 'demo_as_of') AS demo_as_of
FROM filtered($filters)
