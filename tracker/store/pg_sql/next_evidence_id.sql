-- name: next_evidence_id :rows
-- PostgreSQL, in a write holding the counter (so no other write numbers a file meanwhile): the next evidence file's
-- number. Returns one number. No parameters.
SELECT coalesce(max(file_id), 0) + 1 FROM evidence
