-- name: item_evidence_ids :rows
-- PostgreSQL: the evidence files of item %(key)s. Returns file_id. Params: %(key)s.
SELECT file_id FROM evidence WHERE key = %(key)s
