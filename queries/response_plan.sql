-- name: response_plan :many
-- Returns every recommendation of report $report in force $force (when the reader may see that force), by id, with
-- what the response's current version plans for it as of the filters' date (its latest draft's row): key, id, text,
-- action, owner_id (the directory's person planned to own it, else the item's own owner's), owner (that person's
-- name; else, in a plan saved before owners were people, the name typed; else the item's owner as written),
-- owner_title (their job title), owner_public (whether the directory says they are publicly named), target (planned,
-- as a date, or null).
-- Params: $filters, $days, $report, $force.
WITH s AS (
    SELECT version FROM response_standing($filters, $days) WHERE report = $report AND force = $force
),
latest AS (
    SELECT arg_max(plan, step_id) AS plan FROM responses
    WHERE report = $report AND force = $force AND kind = 'draft' AND version = (SELECT version FROM s)
      AND on_date <= $filters['as_of']::DATE
),
planned AS (
    SELECT unnest(from_json(plan, '[{"key": "VARCHAR", "action": "VARCHAR", "owner_id": "INTEGER", "owner": "VARCHAR", "target": "VARCHAR"}]'),
                  recursive := true)
    FROM latest WHERE plan IS NOT NULL
)
SELECT f.key, f.id, f.text, coalesce(p.action, '') AS action, o.person_id AS owner_id,
       coalesce(o.name, p.owner, CASE WHEN p.key IS NULL THEN f.owner END) AS owner,
       o.job_title AS owner_title, coalesce(o.public_name, false) AS owner_public,
       try_cast(p.target AS DATE) AS target
FROM filtered($filters) f
LEFT JOIN planned p ON p.key = f.key
LEFT JOIN current_people o ON o.person_id = CASE WHEN p.key IS NULL THEN f.owner_id ELSE p.owner_id END
                          AND o.force = $force AND o.active
WHERE f.report = $report AND f.force = $force AND EXISTS (SELECT 1 FROM s)
ORDER BY f.id
