-- Every update in the columns the importer reads (plus key and position), by force, id, date and file order.
SELECT r.id, r.force, u.on_date AS date, u.status, u.text, u.key, u.position
FROM updates u JOIN recommendations r ON r.key = u.key
ORDER BY r.force, r.id, u.on_date, u.position
