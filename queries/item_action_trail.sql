-- name: item_action_trail :many
-- Returns every step of the actions under recommendation $key dated on or before the filters' date, newest first
-- (none when the filters do not select it): on_date, action (its number), step ('added', 'changed', 'progress: open',
-- 'progress: complete'), text (an added or changed action's title, owner and target, and why it changed; a progress
-- note), by (who), seq (the event's number).
-- Params: $filters, $key.
SELECT e.on_date, json_extract_string(e.after, '$.action')::INTEGER AS action,
       CASE WHEN e.kind = 'action-update' THEN 'progress: ' || e.status
            WHEN e.decision = 'add' THEN 'added' ELSE 'changed' END AS step,
       CASE WHEN e.kind = 'action-update' THEN e.comment
            ELSE e.comment || ' (owner ' || coalesce(p.name, 'person #' || json_extract_string(e.after, '$.owner_id'))
                 || ', target ' || strftime(e.target, '%-d %b %Y') || ')' || coalesce(': ' || e.reason, '') END AS text,
       e.actor AS by, e.seq
FROM events e
LEFT JOIN current_people p ON p.person_id = json_extract_string(e.after, '$.owner_id')::INTEGER
WHERE e.kind IN ('action', 'action-update') AND e.key = $key AND e.on_date <= $filters['as_of']::DATE
  AND e.key IN (SELECT key FROM filtered($filters) WHERE key = $key)
ORDER BY e.on_date DESC, e.seq DESC
