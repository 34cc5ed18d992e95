-- name: add_peel_grades :exec
-- PostgreSQL: one imported PEEL grade, stamped with the write's number. Params: %(force)s, %(year)s, %(question)s,
-- %(grade)s, %(at)s, %(actor)s, %(source)s, %(change_no)s.
INSERT INTO peel_grades (force, year, question, grade, imported_at, actor, source, change_no)
VALUES (%(force)s, %(year)s, %(question)s, %(grade)s, %(at)s, %(actor)s, %(source)s, %(change_no)s)
