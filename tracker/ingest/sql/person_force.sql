-- name: person_force :rows
-- A person's force in the directory as it stands (no row: no such person): force. Params: $id.
SELECT force FROM current_people WHERE person_id = $id
