-- name: item_links :items
-- Returns every link an analyst set that stands between recommendation $key and another the filters select (either
-- way round), as of now: relation, direction ('to': $key links to it; 'from': it links to $key), other_key, other_id,
-- other_force, other_report, actor, made_at, reason; by relation then the other's key.
-- Params: $filters, $key.
WITH mine AS (
    SELECT relation, 'to' AS direction, other AS other_key, actor, made_at, reason FROM links_now WHERE key = $key
    UNION ALL
    SELECT relation, 'from', key, actor, made_at, reason FROM links_now WHERE other = $key
)
SELECT m.relation, m.direction, m.other_key, s.id AS other_id, s.force AS other_force, s.report_title AS other_report,
       m.actor, m.made_at, m.reason
FROM mine m
JOIN filtered($filters) s ON s.key = m.other_key
WHERE $key IN (SELECT key FROM filtered($filters) WHERE key = $key)
ORDER BY m.relation, m.other_key
