-- name: saved_mappings :many
-- Returns each saved column mapping's latest version, by name: name, force, mapping (JSON), saved_at, saved_by; a
-- force's reader sees their force's and those for any force.
-- Params: $filters.
SELECT name, arg_max(force, saved_at) AS force, arg_max(mapping, saved_at) AS mapping, max(saved_at) AS saved_at,
       arg_max(saved_by, saved_at) AS saved_by
FROM saved_mappings
GROUP BY name
HAVING $filters['scope'] IS NULL OR arg_max(force, saved_at) IS NULL
    OR list_contains($filters['scope']::VARCHAR[], arg_max(force, saved_at))
ORDER BY name
