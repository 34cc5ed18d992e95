-- name: item_actions :many
-- Returns the actions under recommendation $key as they stood on the filters' date, by number (none when the filters
-- do not select it): action (its number within the item), title, owner_id, owner (the owner's name in the directory),
-- target, status (open | complete), days_overdue (an open action past its target: the days since; else null),
-- latest_update (the latest progress note), updated_on, updated_by, updates (how many progress notes).
-- Params: $filters, $key.
SELECT a.action, a.title, a.owner_id, coalesce(p.name, 'person #' || a.owner_id) AS owner, a.target, a.status,
       CASE WHEN a.status = 'open' AND a.target < $filters['as_of']::DATE
            THEN $filters['as_of']::DATE - a.target END AS days_overdue,
       a.latest_update, a.updated_on, a.updated_by, a.updates
FROM actions_on($filters['as_of']) a
LEFT JOIN current_people p ON p.person_id = a.owner_id
WHERE a.key = $key AND a.key IN (SELECT key FROM filtered($filters) WHERE key = $key)
ORDER BY a.action
