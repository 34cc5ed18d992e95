-- name: response_detail :one
-- Returns force $force's response to report $report as it stood on the filters' date, when the reader may see that
-- force (else no row): report, report_title, force, published_on, deadline, days_left, stage, version,
-- first_published, address, recommendations, on_time, days_to_publish (response_standing), and the current
-- version's latest draft: overall, drafted_by, drafted_at; the latest chief constable's comments: chief_comments,
-- chief_file (its evidence file number), chief_file_name; approved_by, approved_at (the current version's approval).
-- Params: $filters, $days, $report, $force.
WITH s AS (
    SELECT * FROM response_standing($filters, $days) WHERE report = $report AND force = $force
),
steps AS (
    SELECT * FROM responses
    WHERE report = $report AND force = $force AND on_date <= $filters['as_of']::DATE
),
draft AS (
    SELECT arg_max(overall, step_id) AS overall, arg_max(actor, step_id) AS drafted_by,
           arg_max(made_at, step_id) AS drafted_at
    FROM steps WHERE kind = 'draft' AND version = (SELECT version FROM s)
),
comments AS (
    SELECT arg_max(chief_comments, step_id) AS chief_comments, arg_max(chief_file, step_id) AS chief_file
    FROM steps WHERE kind = 'comments'
),
approval AS (
    SELECT arg_max(actor, step_id) AS approved_by, arg_max(made_at, step_id) AS approved_at
    FROM steps WHERE kind = 'approve' AND version = (SELECT version FROM s)
)
SELECT s.*, d.overall, d.drafted_by, d.drafted_at, c.chief_comments, c.chief_file, e.name AS chief_file_name,
       a.approved_by, a.approved_at
FROM s, draft d, comments c, approval a
LEFT JOIN evidence e ON e.file_id = c.chief_file
