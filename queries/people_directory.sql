-- name: people_directory :items
-- Returns the directory as it stands: person_id, email, name, force (null: national), roles, active, valid_from
-- (when this version began), changed_by; national people first, then by force and name.
-- Params: none.
SELECT person_id, email, name, force, roles, active, valid_from, changed_by
FROM current_people
ORDER BY force NULLS FIRST, name, person_id
