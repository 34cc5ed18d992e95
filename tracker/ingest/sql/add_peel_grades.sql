-- name: add_peel_grades :exec
-- Append the registered frame `grades` (force, year, question, grade) as imported PEEL grades, inside a write.
-- Params: $at, $actor, $source.
INSERT INTO peel_grades (force, year, question, grade, imported_at, actor, source)
SELECT force, year, question, grade, $at, $actor, $source FROM grades
