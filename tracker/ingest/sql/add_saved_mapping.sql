-- name: add_saved_mapping :exec
-- Keep a confirmed column mapping under a name (the latest row of a name is the one used).
INSERT INTO saved_mappings VALUES ($name, $force, $mapping, $at, $by)
