-- name: responses_headline :one
-- Returns how the statutory responses to the reports the filters select stand on the filters' date, over every force
-- area in scope (response_summary's total): responses, due, on_time, share_on_time, median_days, overdue, due_28.
-- Params: $filters, $days.
SELECT responses, due, on_time, share_on_time, median_days, overdue, due_28
FROM response_summary($filters, $days)
WHERE is_total
