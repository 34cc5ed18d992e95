-- name: add_import_action :exec
-- PostgreSQL, in a write holding the facts' lock and the counter: retract or restore import %(id)s (numbered after
-- every action held), stamped with the write's number. Params: %(id)s, %(action)s, %(at)s, %(actor)s, %(role)s,
-- %(via)s, %(reason)s, %(change_no)s.
INSERT INTO import_actions (seq, import_id, action, made_at, actor, role, via, reason, change_no)
SELECT coalesce(max(seq), 0) + 1, %(id)s, %(action)s, %(at)s, %(actor)s, %(role)s, %(via)s, %(reason)s, %(change_no)s
FROM import_actions
