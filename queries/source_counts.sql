-- name: source_counts :many
-- Returns one row a source (a force and a source when $by_force) among the filtered items: force (null unless
-- $by_force), source (a code of data/sources.csv), total, open, overdue (open and past its target, as everywhere),
-- past_answer_by (open, no target yet, and past the day its source's clock gives to answer by), due_this_month (open,
-- neither overdue nor past its answer-by day, falling due on its target, else its answer-by day, from the filters'
-- date to that month's end), complete; sorted by force, then source.
-- Params: $filters, $by_force.
SELECT CASE WHEN $by_force THEN force END AS force,
       source,
       count(*) AS total,
       count(*) FILTER (WHERE is_open) AS open,
       count(*) FILTER (WHERE days_overdue > 0) AS overdue,
       count(*) FILTER (WHERE past_answer_by(is_open, target_current, answer_by, $filters['as_of'])) AS past_answer_by,
       count(*) FILTER (WHERE is_open AND coalesce(days_overdue, 0) = 0
                        AND due_on(target_current, answer_by)
                            BETWEEN $filters['as_of']::DATE AND last_day($filters['as_of']::DATE)) AS due_this_month,
       count(*) FILTER (WHERE status = 'complete') AS complete
FROM filtered($filters)
GROUP BY ALL
ORDER BY force NULLS FIRST, source
