-- name: held_people :rows
-- The directory as held: each person's latest version, with its number (a people import's next version follows it):
-- person_id, version, email, name, force, roles, active, job_title, public_name. Params: none.
SELECT person_id, version, email, name, force, roles, active, job_title, public_name
FROM people
QUALIFY version = max(version) OVER (PARTITION BY person_id)
