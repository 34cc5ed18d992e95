-- name: add_import_action :exec
-- Retract or restore import $id: the next action in order, attributed.
INSERT INTO import_actions
SELECT coalesce(max(seq), 0) + 1, $id, $action, $at, $actor, $role, $via, $reason FROM import_actions
