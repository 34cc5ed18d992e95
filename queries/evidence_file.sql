-- name: evidence_file :one
-- Returns evidence file $file_id when the filters select its recommendation, or it holds the chief constable's
-- comments on a statutory response of a force area in the reader's scope (no row otherwise, as for a number that
-- does not exist): file_id, key, name, media_type, size, sha256, uploaded_at, uploader, submission.
-- Params: $filters, $file_id.
SELECT file_id, key, name, media_type, size, sha256, uploaded_at, uploader, submission
FROM evidence
WHERE file_id = $file_id
  AND (key IN (SELECT key FROM filtered($filters))
       OR file_id IN (SELECT chief_file FROM responses
                      WHERE chief_file IS NOT NULL
                        AND ($filters['scope'] IS NULL OR list_contains($filters['scope']::VARCHAR[], force))))
