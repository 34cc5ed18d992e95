-- name: add_people_versions :exec
-- Append the registered frame `versions` (person_id, version, email, name, force, roles, active, job_title,
-- public_name) as new versions. Params: $at, $by.
INSERT INTO people
SELECT person_id, version, email, name, force, roles::VARCHAR[], active, $at, $by, job_title, public_name
FROM versions
