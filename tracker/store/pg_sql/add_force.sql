-- name: add_force :exec
-- PostgreSQL: a recipient an import adds on purpose (a force, or with %(body)s a national body), once. Params:
-- %(name)s, %(at)s, %(import_id)s, %(body)s, %(change_no)s.
INSERT INTO extra_forces (name, added_at, import_id, body, change_no)
VALUES (%(name)s, %(at)s, %(import_id)s, %(body)s, %(change_no)s)
ON CONFLICT (name) DO NOTHING
