-- name: responses_due :many
-- Returns each force area's statutory response to each report the filters select (response_standing), the ones
-- still to publish first, soonest deadline first: report, report_title, force, published_on, deadline, days_left,
-- stage, version, first_published, address, recommendations, on_time, days_to_publish.
-- Params: $filters, $days.
SELECT * FROM response_standing($filters, $days)
ORDER BY stage = 'published', deadline NULLS LAST, force, report_title
