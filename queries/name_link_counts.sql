-- name: name_link_counts :many
-- Returns (how, names, items): how the owner and overseer names of the recommendations the filters select were linked
-- to people (alias, exact, promotion, rank differs, surname, ambiguous, unmatched), with how many distinct names and
-- how many mentions each way.
-- Params: $filters.
WITH named AS (
    SELECT force, owner AS name FROM filtered($filters) WHERE owner IS NOT NULL
    UNION ALL
    SELECT force, overseer FROM filtered($filters) WHERE overseer IS NOT NULL
)
SELECT l.how, count(DISTINCT (n.force, n.name)) AS names, count(*) AS items
FROM named n
JOIN name_links l USING (force, name)
GROUP BY l.how
ORDER BY items DESC
