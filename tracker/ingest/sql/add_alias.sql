-- name: add_alias :exec
-- PostgreSQL: a written name linked by hand to a person of its force, stamped with the write's number.
-- Params: %(force)s, %(name)s, %(person_id)s, %(at)s, %(by)s, %(change_no)s.
INSERT INTO name_aliases (force, name, person_id, added_at, added_by, change_no)
VALUES (%(force)s, %(name)s, %(person_id)s, %(at)s, %(by)s, %(change_no)s)
