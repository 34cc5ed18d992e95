-- name: preview_before :rows
-- An import's preview: the held recommendations the batch changes, as held, with their report's title
-- (report_title). No parameters.
SELECT r.*, rp.title AS report_title
FROM recommendations r JOIN reports rp ON rp.id = r.report
WHERE r.key IN (SELECT key FROM changed)
