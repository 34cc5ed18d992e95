-- name: item_evidence_list :many
-- Returns the evidence files of recommendation $key, oldest first, when the filters select it: file_id, name,
-- media_type, size, uploader, uploaded_at; one row with a null file_id when it has none, and no row when the filters
-- do not select it (as for a key that does not exist).
-- Params: $filters, $key.
SELECT e.file_id, e.name, e.media_type, e.size, e.uploader, e.uploaded_at
FROM filtered($filters) AS f
LEFT JOIN evidence AS e ON e.key = f.key
WHERE f.key = $key
ORDER BY e.file_id
