-- name: closure_detail :one
-- Returns closure request $seq when the filters select its recommendation (no row otherwise): seq, key, id, force,
-- report_title, report_published_on, text, status, target_original, target_current, requested_on, requested_by,
-- role, comment, files (the evidence file numbers sent, as text), state, decided_on, decided_by, decided_as,
-- decision_reason.
-- Params: $filters, $seq.
SELECT c.seq, c.key, f.id, f.force, f.report_title, rp.published_on AS report_published_on, f.text, f.status,
       f.target_original, f.target_current, c.requested_on, c.requested_by, c.role, c.comment, c.files, c.state,
       c.decided_on, c.decided_by, c.decided_as, c.decision_reason
FROM closure_rows(NULL, $seq) c
JOIN filtered($filters) f USING (key)
LEFT JOIN reports rp ON rp.id = f.report
WHERE c.seq = $seq
