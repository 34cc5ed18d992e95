-- name: add_alias :exec
-- Link a name written in a force's comments to a person, by an administrator.
INSERT INTO name_aliases VALUES ($force, $name, $person_id, $at, $by)
