-- name: add_audit :exec
-- PostgreSQL: one row of the audit trail, stamped with the write's number. Params: %(made_at)s, %(actor)s, %(role)s,
-- %(source)s, %(action)s, %(entity)s, %(before)s, %(after)s, %(change_no)s.
INSERT INTO audit (made_at, actor, role, source, action, entity, before, after, change_no)
VALUES (%(made_at)s, %(actor)s, %(role)s, %(source)s, %(action)s, %(entity)s, %(before)s, %(after)s, %(change_no)s)
