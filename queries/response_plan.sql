-- name: response_plan :many
-- Returns every recommendation of report $report in force $force (when the reader may see that force), by id, with
-- what the response's current version plans for it as of the filters' date (its latest draft's row): key, id, text,
-- action, owner (the planned one, else the item's), target (planned, as a date, or null).
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
    SELECT unnest(from_json(plan, '[{"key": "VARCHAR", "action": "VARCHAR", "owner": "VARCHAR", "target": "VARCHAR"}]'),
                  recursive := true)
    FROM latest WHERE plan IS NOT NULL
)
SELECT f.key, f.id, f.text, coalesce(p.action, '') AS action, coalesce(p.owner, f.owner) AS owner,
       try_cast(p.target AS DATE) AS target
FROM filtered($filters) f
LEFT JOIN planned p ON p.key = f.key
WHERE f.report = $report AND f.force = $force AND EXISTS (SELECT 1 FROM s)
ORDER BY f.id
