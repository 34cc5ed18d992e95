-- name: add_known_bodies :exec
-- The national bodies every copy knows (core.forces.BODIES), when the copy is made. Params: $names.
INSERT INTO known_bodies SELECT unnest($names::VARCHAR[])
