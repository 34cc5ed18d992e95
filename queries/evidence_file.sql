-- name: evidence_file :one
-- Returns evidence file $file_id when the filters select its recommendation (no row otherwise, as for a number
-- that does not exist): file_id, key, name, media_type, size, sha256, uploaded_at, uploader, submission.
-- Params: $filters, $file_id.
SELECT file_id, key, name, media_type, size, sha256, uploaded_at, uploader, submission
FROM evidence
WHERE file_id = $file_id AND key IN (SELECT key FROM filtered($filters))
