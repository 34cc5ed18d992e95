-- name: preview_new :rows
-- An import's preview: recommendations of the batch the database does not hold: id, force, report, text, by force
-- and id. Reads the temporary `changed` of changed_recommendations. No parameters.
SELECT id, force, report, text FROM changed WHERE key NOT IN (SELECT key FROM recommendations) ORDER BY force, id
