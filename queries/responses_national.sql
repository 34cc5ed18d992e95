-- name: responses_national :many
-- Returns, per force area, how its statutory responses to the reports the filters select stand on the filters' date:
-- force, due (responses whose deadline has passed, or already published), on_time (of those, first published by the
-- deadline), share_on_time (on_time / due, null with none due), median_days (to publish, over those published),
-- overdue (past the deadline and not published), due_28 (not published, deadline within the next 28 days).
-- Params: $filters, $days.
SELECT force,
       count(*) FILTER (WHERE days_left < 0 OR first_published IS NOT NULL) AS due,
       count(*) FILTER (WHERE on_time) AS on_time,
       count(*) FILTER (WHERE on_time) / nullif(count(*) FILTER (WHERE days_left < 0 OR first_published IS NOT NULL), 0)
           AS share_on_time,
       median(days_to_publish) AS median_days,
       count(*) FILTER (WHERE first_published IS NULL AND days_left < 0) AS overdue,
       count(*) FILTER (WHERE first_published IS NULL AND days_left BETWEEN 0 AND 28) AS due_28
FROM response_standing($filters, $days)
GROUP BY force
ORDER BY overdue DESC, share_on_time NULLS LAST, force
