-- name: owner_workload :many
-- Returns one row a person (owner when $by = 'owner', overseer when $by = 'overseer') with open items:
--   person, forces (comma-separated), open, overdue, due_30 (target within 30 days), due_60, stale;
--   most open first.
-- Params: $filters, $by.
SELECT coalesce(CASE WHEN $by = 'overseer' THEN overseer ELSE owner END, '(not named)') AS person,
       string_agg(DISTINCT force, ', ' ORDER BY force) AS forces,
       count(*) AS open,
       count(*) FILTER (WHERE days_overdue > 0) AS overdue,
       count(*) FILTER (WHERE target_current BETWEEN $filters['as_of']::DATE AND $filters['as_of']::DATE + 30) AS due_30,
       count(*) FILTER (WHERE target_current BETWEEN $filters['as_of']::DATE AND $filters['as_of']::DATE + 60) AS due_60,
       count(*) FILTER (WHERE is_stale) AS stale
FROM filtered($filters)
WHERE is_open
GROUP BY 1
ORDER BY open DESC, overdue DESC, person
