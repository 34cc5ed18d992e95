-- name: add_item_link :exec
-- PostgreSQL: one link (or unlink) between two items, stamped with the write's number. Params: %(link_no)s,
-- %(key)s, %(other)s, %(relation)s, %(action)s, %(made_at)s, %(actor_id)s, %(actor)s, %(role)s, %(source)s,
-- %(reason)s, %(change_no)s.
INSERT INTO item_links (link_no, key, other, relation, action, made_at, actor_id, actor, role, source, reason,
                        change_no)
VALUES (%(link_no)s, %(key)s, %(other)s, %(relation)s, %(action)s, %(made_at)s, %(actor_id)s, %(actor)s, %(role)s,
        %(source)s, %(reason)s, %(change_no)s)
