-- name: add_import :exec
-- PostgreSQL: one row of the import log: what it added and changed, in which forces, who made it, how, and with
-- which column mapping. Params: %(id)s, %(at)s, %(kind)s, %(sources)s, %(recs)s, %(updates)s, %(changed)s,
-- %(actor)s, %(role)s, %(via)s, %(mapping)s, %(forces)s, %(change_no)s.
INSERT INTO imports (id, imported_at, kind, sources, recommendations_added, updates_added, recommendations_changed,
                     actor, role, via, mapping, forces, change_no)
VALUES (%(id)s, %(at)s, %(kind)s, %(sources)s, %(recs)s, %(updates)s, %(changed)s, %(actor)s, %(role)s, %(via)s,
        %(mapping)s, %(forces)s, %(change_no)s)
