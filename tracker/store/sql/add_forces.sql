-- name: add_forces :exec
-- Record recipients added on purpose by this import ($names: forces, or with $body national bodies), once each.
-- Params: $names, $at, $import_id, $body.
INSERT INTO extra_forces SELECT unnest($names::VARCHAR[]), $at, $import_id, $body ON CONFLICT DO NOTHING
