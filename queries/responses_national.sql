-- name: responses_national :many
-- Returns, per force area, how its statutory responses to the reports the filters select stand on the filters' date
-- (response_summary): force, responses, due, on_time, share_on_time, median_days, overdue, due_28; the forces with
-- most overdue first, then the least often on time.
-- Params: $filters, $days.
SELECT force, responses, due, on_time, share_on_time, median_days, overdue, due_28
FROM response_summary($filters, $days)
WHERE NOT is_total
ORDER BY overdue DESC, share_on_time NULLS LAST, force
