-- name: item_links :items
-- Returns every link that stands between recommendation $key and another the filters select (either way round): those
-- an analyst set, as of now, and, as of the filters' date, the carrying forward that closed one of the two into the
-- other (relation 'carried_forward', from the item carried forward to the newer one that takes it over; made by its
-- closing, never set as a link). Columns: relation, direction ('to': $key links to it; 'from': it links to $key),
-- other_key, other_id, other_force, other_report, actor, made_at, reason; by relation then the other's key.
-- Params: $filters, $key.
WITH carried AS (
    SELECT key, other, actor, made_at, reason FROM carried_forward_on($filters['as_of'])
    WHERE key = $key OR other = $key
),
mine AS (
    SELECT relation, 'to' AS direction, other AS other_key, actor, made_at, reason FROM links_now WHERE key = $key
    UNION ALL
    SELECT relation, 'from', key, actor, made_at, reason FROM links_now WHERE other = $key
    UNION ALL
    SELECT 'carried_forward', 'to', other, actor, made_at, reason FROM carried WHERE key = $key
    UNION ALL
    SELECT 'carried_forward', 'from', key, actor, made_at, reason FROM carried WHERE other = $key
)
SELECT m.relation, m.direction, m.other_key, s.id AS other_id, s.force AS other_force, s.report_title AS other_report,
       m.actor, m.made_at, m.reason
FROM mine m
JOIN filtered($filters) s ON s.key = m.other_key
WHERE $key IN (SELECT key FROM filtered($filters) WHERE key = $key)
ORDER BY m.relation, m.other_key
