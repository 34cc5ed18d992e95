-- name: updates_imported_again :rows
-- How many of import $id's updates an import that counts holds again (restoring $id would count them twice): held
-- as an import holds them (store/sql/new_updates.sql), by key, date, status, text and, where it names them, author
-- and percent complete.
SELECT count(*) FROM updates u
WHERE u.import_id = $id AND EXISTS (
    SELECT 1 FROM updates v
    WHERE v.import_id <> $id AND v.key = u.key AND v.on_date = u.on_date
      AND v.status IS NOT DISTINCT FROM u.status AND v.text IS NOT DISTINCT FROM u.text
      AND (u.author IS NULL OR v.author IS NOT DISTINCT FROM u.author)
      AND (u.percent IS NULL OR v.percent IS NOT DISTINCT FROM u.percent)
      AND NOT EXISTS (SELECT 1 FROM retracted_imports x WHERE x.import_id = v.import_id))
