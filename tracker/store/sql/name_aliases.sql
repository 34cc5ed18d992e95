-- name: name_aliases :rows
-- Every alias linking a written name to a person, oldest first: force, name, person_id. No parameters.
SELECT force, name, person_id FROM name_aliases ORDER BY added_at
