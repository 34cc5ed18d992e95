-- name: preview_updates :rows
-- An import's preview: the updates it would add (the temporary `new_updates`), with the id and force of their
-- recommendation, in the batch or held already: id, force, on_date, status, text. No parameters.
SELECT coalesce(b.id, r.id) AS id, coalesce(b.force, r.force) AS force, u.on_date, u.status, u.text
FROM new_updates u LEFT JOIN batch_recs b USING (key) LEFT JOIN recommendations r USING (key)
ORDER BY u.key, u.on_date, u.position
