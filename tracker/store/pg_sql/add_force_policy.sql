-- name: add_force_policy :exec
-- PostgreSQL: a force's policy as an administrator sets it, stamped with the write's number. Params: %(force)s,
-- %(name)s, %(value)s, %(on_date)s, %(made_at)s, %(actor_id)s, %(actor)s, %(reason)s, %(source)s, %(event_id)s,
-- %(change_no)s.
INSERT INTO force_policies (force, name, value, on_date, made_at, actor_id, actor, reason, source, event_id, change_no)
VALUES (%(force)s, %(name)s, %(value)s, %(on_date)s, %(made_at)s, %(actor_id)s, %(actor)s, %(reason)s, %(source)s,
        %(event_id)s, %(change_no)s)
