-- name: source_counts :many
-- Returns one row a source (a force and a source when $by_force) among the filtered items: force (null unless
-- $by_force), source (a code of data/sources.csv), total, open, overdue (open and past its target, or with no target
-- yet past its day to answer by: the past_due rule), due_this_month (open, not yet past, falling due by the end of the
-- filters' month), complete; sorted by force, then source.
-- Params: $filters, $by_force.
SELECT CASE WHEN $by_force THEN force END AS force,
       source,
       count(*) AS total,
       count(*) FILTER (WHERE is_open) AS open,
       count(*) FILTER (WHERE past_due(is_open, days_overdue, target_current, answer_by, $filters['as_of'])) AS overdue,
       count(*) FILTER (WHERE is_open AND NOT past_due(is_open, days_overdue, target_current, answer_by, $filters['as_of'])
                        AND due_on(target_current, answer_by)
                            BETWEEN $filters['as_of']::DATE AND last_day($filters['as_of']::DATE)) AS due_this_month,
       count(*) FILTER (WHERE status = 'complete') AS complete
FROM filtered($filters)
GROUP BY ALL
ORDER BY force NULLS FIRST, source
