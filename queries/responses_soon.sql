-- name: responses_soon :many
-- Returns the statutory responses to the reports the filters select that are not yet published and whose deadline is
-- within $within days or past (response_standing), the most overdue first: report, report_title, force, published_on,
-- deadline, days_left, stage, version.
-- Params: $filters, $days, $within.
SELECT report, report_title, force, published_on, deadline, days_left, stage, version
FROM response_standing($filters, $days)
WHERE first_published IS NULL AND days_left <= $within
ORDER BY days_left, force, report_title
