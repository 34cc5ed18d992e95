-- name: all_updates :rows
-- Every update in the columns the importer reads, with who wrote it and its review where known (author, review: the
-- workflow's rows, and imported rows whose file said; the importer stores them), its percent complete where it gave
-- one, plus key and position; by force, id, date and order.
SELECT r.id, r.force, u.on_date AS date, u.status, u.text, u.author, u.review, u.percent, u.key, u.position
FROM updates u JOIN recommendations r ON r.key = u.key
ORDER BY r.force, r.id, u.on_date, u.position
