-- name: copies_of_id :one
-- Returns how many recipients the filters select hold a copy of recommendation id $id, as of the filters' date
-- (the national bodies' included): copies, forces, bodies.
-- Params: $filters, $id.
SELECT count(*) AS copies, count(*) FILTER (WHERE NOT is_body) AS forces, count(*) FILTER (WHERE is_body) AS bodies
FROM filtered($filters)
WHERE id = $id
