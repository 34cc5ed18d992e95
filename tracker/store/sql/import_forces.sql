-- name: import_forces :rows
-- DuckDB, on an import's own copy: the forces of the rows it writes (its changed recommendations and the items of
-- its new updates), in order. Returns force. No parameters.
SELECT DISTINCT force FROM (SELECT key, force FROM changed UNION ALL SELECT key, force FROM recommendations)
WHERE key IN (SELECT key FROM changed UNION SELECT key FROM new_updates)
ORDER BY force
