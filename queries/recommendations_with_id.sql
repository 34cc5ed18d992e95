-- name: recommendations_with_id
-- Returns (key, force, report_title) of every recommendation whose register id is $id or whose key is $key,
-- in force order: a national id recurs in every force.
-- Params: $id, $key.
SELECT r.key, r.force, rp.title AS report_title
FROM recommendations r JOIN reports rp ON rp.id = r.report
WHERE r.id = $id OR r.key = $key
ORDER BY r.force
