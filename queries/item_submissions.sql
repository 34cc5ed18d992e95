-- name: item_submissions :many
-- Returns every submission on recommendation $key, newest first, when the filters select it: seq, made_at, actor,
-- comment, status (proposed), target (proposed), percent (the percent complete it reports), reason, evidence (links),
-- files (its evidence files, "name (#n)"),
-- state (waiting, accepted, returned, withdrawn), decided_by, decided_on, decision_reason, decisions.
-- Params: $filters, $key.
SELECT s.seq, s.made_at, s.actor, s.comment, s.status, s.target, s.percent, s.reason, s.evidence,
       (SELECT list(e.name || ' (#' || e.file_id || ')' ORDER BY e.file_id) FROM evidence e
        WHERE e.submission = s.seq AND e.key = $key) AS files,
       s.state, s.decided_by, s.decided_on, s.decision_reason, s.decisions
FROM submissions s
WHERE s.key = $key AND s.key IN (SELECT key FROM filtered($filters) WHERE key = $key)
ORDER BY s.seq DESC
