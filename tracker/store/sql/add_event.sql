-- name: add_event :exec
-- Append one event to the workflow journal.
INSERT INTO events VALUES ($seq, $event_id, $kind, $made_at, $on_date, $actor_id, $actor, $role, $source, $key,
                           $submission, $comment, $status, $target, $reason, $evidence, $decision, $before, $after,
                           $meeting, $public)
