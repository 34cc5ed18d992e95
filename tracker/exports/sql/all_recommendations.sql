-- name: all_recommendations :rows
-- Every recommendation with its report title, in the columns the importer reads (plus key), by force and id.
SELECT r.key, r.id, r.force, rp.title AS report, r.kind, r.theme, r.text, r.published_on,
       r.owner, r.overseer, r.board, r.target_original, r.target_current, r.force_rag AS rag
FROM recommendations r JOIN reports rp ON rp.id = r.report
ORDER BY r.force, r.id
