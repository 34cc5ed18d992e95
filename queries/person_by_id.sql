-- name: person_by_id :one
-- Returns the person in the directory now with number $person_id, or no row: person_id, email, name, force (null:
-- national), roles, active.
-- Params: $person_id.
SELECT person_id, email, name, force, roles, active
FROM current_people
WHERE person_id = $person_id
