-- name: next_evidence_id :rows
-- Inside a write, on the copy: the next evidence file's number. Returns one integer. No parameters.
SELECT coalesce(max(file_id), 0) + 1 FROM evidence
