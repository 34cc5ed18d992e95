-- name: new_updates :exec
-- The batch's updates not already held (same key, date, status and text) by an import that still counts, each once,
-- in their file order.
CREATE OR REPLACE TEMP TABLE new_updates AS
SELECT DISTINCT ON (b.key, b.on_date, b.status, b.text) b.*
FROM batch_updates b
WHERE NOT EXISTS (
    SELECT 1 FROM updates u
    WHERE u.key = b.key AND u.on_date = b.on_date
      AND u.status IS NOT DISTINCT FROM b.status AND u.text IS NOT DISTINCT FROM b.text
      AND NOT EXISTS (SELECT 1 FROM retracted_imports x WHERE x.import_id = u.import_id))
ORDER BY b.key, b.on_date, b.status, b.text, b.position
