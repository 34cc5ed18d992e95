-- name: item_evidence_ids :rows
-- Inside a write, on the copy: the numbers of item $key's evidence files. Params: $key.
SELECT file_id FROM evidence WHERE key = $key
