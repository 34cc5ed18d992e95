-- name: written_names :rows
-- Every (force, name) an owner or overseer is written as.
SELECT DISTINCT force, name FROM (
    SELECT force, owner AS name FROM recommendations WHERE owner IS NOT NULL
    UNION ALL
    SELECT force, overseer FROM recommendations WHERE overseer IS NOT NULL
)
ORDER BY force, name
