-- name: leads_with_open_items :rows
-- Up to $n leads who own an item open on $d, each with one of them (the lowest key). Returns person_id, email, name,
-- force, key. Params: $d, $n.
SELECT p.person_id, p.email, p.name, p.force, min(s.key) AS key
FROM rec_state($d, 180) s JOIN current_people p ON p.person_id = s.owner_id
WHERE s.is_open AND list_contains(p.roles, 'lead')
GROUP BY ALL ORDER BY p.person_id LIMIT $n
