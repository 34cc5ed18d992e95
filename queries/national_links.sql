-- name: national_links :items
-- Returns the links an analyst confirmed, standing now, from or to any copy the filters select (the page selects one
-- national recommendation's id, with the national bodies' copies): key, force, relation, other_key, other_id,
-- other_report, actor; by force, relation.
-- Params: $filters.
WITH copies AS (SELECT key, force FROM filtered($filters)),
mine AS (
    SELECT l.key, l.relation, l.other AS other_key, l.actor FROM links_now l JOIN copies c ON c.key = l.key
    UNION ALL
    SELECT l.other, l.relation, l.key, l.actor FROM links_now l JOIN copies c ON c.key = l.other
)
SELECT m.key, c.force, m.relation, m.other_key, r.id AS other_id, r.report_title AS other_report, m.actor
FROM mine m
JOIN copies c ON c.key = m.key
JOIN rec_base r ON r.key = m.other_key
WHERE ($filters['scope'] IS NULL OR list_contains($filters['scope']::VARCHAR[], r.force))
ORDER BY c.force, m.relation, m.other_key
