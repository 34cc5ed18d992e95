-- name: force_policies :many
-- Returns the policies set for the forces the reader may see, as they stand on the filters' date, by force and name:
-- force, name, value, since, by, reason. A policy not listed stands at its default (tracker.core.policies).
-- Params: $filters.
SELECT p.force, p.name, p.value, p.since, p.by, p.reason
FROM policies_on($filters['as_of']) p
WHERE $filters['scope'] IS NULL OR list_contains($filters['scope']::VARCHAR[], p.force)
ORDER BY p.force, p.name
