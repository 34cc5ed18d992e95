-- name: cause_recommendations :items
-- Returns the recommendations answering cause of concern $key that the filters select, as they stood on the filters'
-- date, by id: key, id, kind, text, status, is_open, days_overdue, target_current, linked_by (an analyst, or the
-- import).
-- Params: $filters, $key.
SELECT s.key, s.id, s.kind, s.text, s.status, s.is_open, s.days_overdue, s.target_current,
       CASE WHEN a.key IS NOT NULL THEN 'analyst' ELSE 'import' END AS linked_by
FROM filtered($filters) s
LEFT JOIN analyst_causes a ON a.key = s.key
WHERE s.cause_key = $key
ORDER BY s.id, s.key
