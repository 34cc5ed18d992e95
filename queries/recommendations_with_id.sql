-- name: recommendations_with_id :many
-- Returns (key, force, report_title) of every recommendation the filters select whose register id is $id or whose
-- key is $key, in force order: a national id recurs in every force.
-- Params: $filters, $id, $key.
SELECT key, force, report_title
FROM filtered($filters)
WHERE id = $id OR key = $key
ORDER BY force
