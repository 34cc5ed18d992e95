-- name: submission :one
-- Returns submission number $seq with where it stands (see store/sql/submission_states.sql), when the filters select
-- its recommendation (no row otherwise): seq, key, actor_id, actor, state, status, target, comment, made_at.
-- Params: $filters, $seq.
SELECT s.seq, s.key, s.actor_id, s.actor, s.state, s.status, s.target, s.comment, s.made_at
FROM submissions s
WHERE s.seq = $seq AND s.key IN (SELECT key FROM filtered($filters))
