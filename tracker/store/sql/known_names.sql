-- name: known_names :rows
-- (person_id, force, name, current name) for every name each person of a force has had in the directory, in the
-- forces that have recommendations (a name is only ever linked to a person of its own force).
SELECT DISTINCT p.person_id, p.force, p.name, c.name AS current_name
FROM people p JOIN current_people c USING (person_id)
WHERE p.force IN (SELECT DISTINCT force FROM recommendations)
