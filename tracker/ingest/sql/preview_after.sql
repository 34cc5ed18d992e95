-- name: preview_after :rows
-- An import's preview: held recommendations the batch changes, as the batch has them (every column of `changed`),
-- by force and id. No parameters.
SELECT * FROM changed WHERE key IN (SELECT key FROM recommendations) ORDER BY force, id
