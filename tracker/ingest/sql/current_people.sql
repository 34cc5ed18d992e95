-- name: current_people :rows
-- The directory as it stands: one row a person, their latest version: person_id, email, name, force, roles, active,
-- job_title, public_name.
SELECT person_id, email, name, force, roles, active, job_title, public_name FROM current_people ORDER BY person_id
