-- Append the registered frame `versions` (person_id, version, email, name, force, roles, active) as new versions.
INSERT INTO people
SELECT person_id, version, email, name, force, roles::VARCHAR[], active, $at, $by FROM versions
