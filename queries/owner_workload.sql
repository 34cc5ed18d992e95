-- name: owner_workload :many
-- Returns one row a person with open items, as owner when $by = 'owner' or as overseer when $by = 'overseer':
--   person_key ('p<id>' for a person in the directory, else '<force>:<name as written>', or '<force>:' when no name
--   is written), person (the directory's name now, else the name as written, else '(not named)'), force, open,
--   overdue, due_30 (target within 30 days), due_60, stale; most open first. A person belongs to one force, so two
--   people with one name in two forces are two rows.
-- Params: $filters, $by.
WITH f AS (
    SELECT force, days_overdue, target_current, is_stale,
           CASE WHEN $by = 'overseer' THEN overseer ELSE owner END AS named,
           CASE WHEN $by = 'overseer' THEN overseer_id ELSE owner_id END AS pid
    FROM filtered($filters)
    WHERE is_open
)
SELECT CASE WHEN f.pid IS NOT NULL THEN 'p' || f.pid ELSE f.force || ':' || coalesce(f.named, '') END AS person_key,
       coalesce(any_value(c.name), any_value(f.named), '(not named)') AS person,
       f.force,
       count(*) AS open,
       count(*) FILTER (WHERE f.days_overdue > 0) AS overdue,
       count(*) FILTER (WHERE f.target_current BETWEEN $filters['as_of']::DATE AND $filters['as_of']::DATE + 30) AS due_30,
       count(*) FILTER (WHERE f.target_current BETWEEN $filters['as_of']::DATE AND $filters['as_of']::DATE + 60) AS due_60,
       count(*) FILTER (WHERE f.is_stale) AS stale
FROM f
LEFT JOIN current_people c ON c.person_id = f.pid
GROUP BY 1, f.force
ORDER BY open DESC, overdue DESC, person, f.force
