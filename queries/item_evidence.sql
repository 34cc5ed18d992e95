-- name: item_evidence :many
-- Returns the evidence files of recommendation $key, when the filters select it (none otherwise), newest first:
-- file_id, name, media_type, size, sha256, uploaded_at, uploader, role, submission (its events.seq).
-- Params: $filters, $key.
SELECT file_id, name, media_type, size, sha256, uploaded_at, uploader, role, submission
FROM evidence
WHERE key = $key AND key IN (SELECT key FROM filtered($filters))
ORDER BY file_id DESC
