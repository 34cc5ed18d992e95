-- name: count_changes :rows
-- (added, changed): changed recommendations whose key is new, and those already held.
SELECT count(*) FILTER (WHERE key NOT IN (SELECT key FROM recommendations)),
       count(*) FILTER (WHERE key IN (SELECT key FROM recommendations))
FROM changed
