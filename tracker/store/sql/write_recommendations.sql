-- name: write_recommendations :exec
-- Store the changed recommendations as new versions tagged with $import_id (`recommendations` follows on refresh).
INSERT INTO recommendation_versions BY NAME SELECT *, $import_id AS import_id FROM changed
