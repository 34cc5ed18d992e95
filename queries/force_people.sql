-- name: force_people :many
-- Returns the active people of force $force, when the reader may see that force, who may own a response's planned
-- action, by name: person_id, name, job_title.
-- Params: $filters, $force.
SELECT person_id, name, job_title
FROM current_people
WHERE force = $force AND active
  AND ($filters['scope'] IS NULL OR list_contains($filters['scope']::VARCHAR[], force))
ORDER BY name, person_id
