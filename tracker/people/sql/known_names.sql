-- name: known_names :rows
-- (person_id, force, name, current name) for every name each person of a force has had in the directory.
SELECT DISTINCT p.person_id, p.force, p.name, c.name AS current_name
FROM people p JOIN current_people c USING (person_id)
WHERE p.force IS NOT NULL
