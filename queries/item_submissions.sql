-- name: item_submissions :many
-- Returns every submission on recommendation $key, newest first, when the filters select it: seq, made_at, actor,
-- comment, status (proposed), target (proposed), reason, evidence, state (waiting, accepted, returned, withdrawn),
-- decided_by, decided_on, decision_reason, decisions.
-- Params: $filters, $key.
SELECT seq, made_at, actor, comment, status, target, reason, evidence, state, decided_by, decided_on, decision_reason,
       decisions
FROM submissions
WHERE key = $key AND key IN (SELECT key FROM filtered($filters) WHERE key = $key)
ORDER BY seq DESC
