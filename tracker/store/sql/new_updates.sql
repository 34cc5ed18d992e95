-- name: new_updates :exec
-- The batch's updates not already held by an import that still counts, each once, in their file order. An update is
-- held when one has the same key, date, status and text and, where the batch's row names its author, that author: a
-- file that names nobody (a spreadsheet) adds nothing an export of the same rows added, while two people's rows of
-- the same words on the same day stay two. Its review is not part of it (a later export may say it was decided since).
-- Its percent complete is, like its author, where the batch's row gives one: the same words with another percent are
-- a new update (the percent moved), the same words with none add nothing.
CREATE OR REPLACE TEMP TABLE new_updates AS
SELECT DISTINCT ON (b.key, b.on_date, b.status, b.text, b.author, b.percent) b.*
FROM (SELECT * REPLACE (author::VARCHAR AS author, review::VARCHAR AS review, percent::INTEGER AS percent)
      FROM batch_updates) b
WHERE NOT EXISTS (
    SELECT 1 FROM updates u
    WHERE u.key = b.key AND u.on_date = b.on_date
      AND u.status IS NOT DISTINCT FROM b.status AND u.text IS NOT DISTINCT FROM b.text
      AND (b.author IS NULL OR u.author IS NOT DISTINCT FROM b.author)
      AND (b.percent IS NULL OR u.percent IS NOT DISTINCT FROM b.percent)
      AND NOT EXISTS (SELECT 1 FROM retracted_imports x WHERE x.import_id = u.import_id))
ORDER BY b.key, b.on_date, b.status, b.text, b.author, b.percent, b.position
