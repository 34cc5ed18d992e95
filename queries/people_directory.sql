-- name: people_directory :items
-- Returns the directory as it stands, of the forces the reader may see (every person, national ones first, for a
-- national reader): person_id, email, name, force (null: national), roles, active, valid_from (when this version
-- began), changed_by; by force and name.
-- Params: $filters.
SELECT person_id, email, name, force, roles, active, valid_from, changed_by
FROM current_people
WHERE $filters['scope'] IS NULL OR list_contains($filters['scope']::VARCHAR[], force)
ORDER BY force NULLS FIRST, name, person_id
