-- name: add_item_link :exec
-- Append one link (or unlink) between two items, inside a write. Params: $link_no, $key, $other, $relation, $action,
-- $made_at, $actor_id, $actor, $role, $source, $reason.
INSERT INTO item_links (link_no, key, other, relation, action, made_at, actor_id, actor, role, source, reason)
VALUES ($link_no, $key, $other, $relation, $action, $made_at, $actor_id, $actor, $role, $source, $reason)
