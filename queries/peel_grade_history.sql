-- name: peel_grade_history :items
-- Returns every PEEL grade of the forces the filters select, up to the filters' date's year: force, question, year,
-- grade, rank (1 outstanding … 5 inadequate); by force, question, year.
-- Params: $filters.
SELECT force, question, year, grade, rank
FROM peel_current
WHERE year <= year($filters['as_of']::DATE)
  AND ($filters['scope'] IS NULL OR list_contains($filters['scope']::VARCHAR[], force))
  AND ($filters['forces'] IS NULL OR list_contains($filters['forces']::VARCHAR[], force))
ORDER BY force, question, year
