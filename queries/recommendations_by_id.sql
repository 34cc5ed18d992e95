-- name: recommendations_by_id :items
-- Returns the recommendations the filters select (the caller names their ids and force), as they stood on the
-- filters' date: key, id, report_title, text, status, days_overdue; by id.
-- Params: $filters.
SELECT key, id, report_title, text, status, days_overdue
FROM filtered($filters)
ORDER BY id, key
