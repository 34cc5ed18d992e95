-- The directory as it stands: one row a person, their latest version.
SELECT person_id, email, name, force, roles, active FROM current_people ORDER BY person_id
