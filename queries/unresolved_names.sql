-- name: unresolved_names :many
-- Returns each owner or overseer name, among the recommendations the filters select, that is linked to nobody:
--   force, name, how ('ambiguous': several people fit; 'unmatched': nobody does), candidates (person ids that might
--   be meant), items (how many selected recommendations name it); most items first.
-- Params: $filters.
WITH named AS (
    SELECT force, owner AS name FROM filtered($filters) WHERE owner IS NOT NULL AND owner_id IS NULL
    UNION ALL
    SELECT force, overseer FROM filtered($filters) WHERE overseer IS NOT NULL AND overseer_id IS NULL
)
SELECT n.force, n.name, l.how, l.candidates, count(*) AS items
FROM named n
JOIN name_links l USING (force, name)
GROUP BY n.force, n.name, l.how, l.candidates
ORDER BY items DESC, n.force, n.name
