-- name: my_actions :items
-- Returns the actions person $person_id owns under the open recommendations the filters select, as they stood on the
-- filters' date: open ones first (the most overdue first, then by target), then complete ones: key, id, force,
-- report_title, action (its number within the item), title, target, status (open | complete), days_overdue (an open
-- action past its target: the days since; else null), latest_update, updated_on.
-- Params: $filters, $person_id.
SELECT f.key, f.id, f.force, f.report_title, a.action, a.title, a.target, a.status,
       CASE WHEN a.status = 'open' AND a.target < $filters['as_of']::DATE
            THEN $filters['as_of']::DATE - a.target END AS days_overdue,
       a.latest_update, a.updated_on
FROM actions_on($filters['as_of']) a
JOIN filtered($filters) f USING (key)
WHERE a.owner_id = $person_id AND f.is_open
ORDER BY a.status = 'complete', days_overdue DESC NULLS LAST, a.target, f.key, a.action
