-- name: peel_questions :items
-- Returns, for each force and PEEL question among the forces the filters select, its latest grade by the filters'
-- date (the latest inspection year up to it), the one before (trend), and the areas for improvement under the
-- question: force, question, year, grade, previous_year, previous_grade, trend (better, worse, same, or null with
-- one grade), afis, afis_open, afis_overdue; worst grade first, then most open areas for improvement.
-- Params: $filters.
WITH afis AS (
    SELECT force, lower(trim(peel_question)) AS question_key, count(*) AS afis,
           count(*) FILTER (WHERE is_open) AS afis_open, count(*) FILTER (WHERE days_overdue > 0) AS afis_overdue
    FROM filtered($filters)
    WHERE kind = 'area for improvement' AND peel_question IS NOT NULL
    GROUP BY ALL
),
graded AS (
    SELECT *, row_number() OVER (PARTITION BY force, question_key ORDER BY year DESC) AS back
    FROM peel_current
    WHERE year <= year($filters['as_of']::DATE)
      AND ($filters['scope'] IS NULL OR list_contains($filters['scope']::VARCHAR[], force))
      AND ($filters['forces'] IS NULL OR list_contains($filters['forces']::VARCHAR[], force))
),
latest AS (
    SELECT g.force, g.question, g.question_key, g.year, g.grade, g.rank, p.year AS previous_year,
           p.grade AS previous_grade, p.rank AS previous_rank
    FROM graded g LEFT JOIN graded p ON p.force = g.force AND p.question_key = g.question_key AND p.back = 2
    WHERE g.back = 1
)
SELECT l.force, l.question, l.year, l.grade, l.previous_year, l.previous_grade,
       CASE WHEN l.previous_rank IS NULL THEN NULL WHEN l.rank < l.previous_rank THEN 'better'
            WHEN l.rank > l.previous_rank THEN 'worse' ELSE 'same' END AS trend,
       coalesce(a.afis, 0) AS afis, coalesce(a.afis_open, 0) AS afis_open, coalesce(a.afis_overdue, 0) AS afis_overdue
FROM latest l
LEFT JOIN afis a ON a.force = l.force AND a.question_key = l.question_key
ORDER BY l.rank DESC, coalesce(a.afis_open, 0) DESC, l.force, l.question
