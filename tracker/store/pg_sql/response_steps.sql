-- name: response_steps :rows
-- PostgreSQL: every step of force %(force)s's response to report %(report)s, in order. Returns step_id, version,
-- kind, stage_after, plan, chief_comments, chief_file, on_date (the day the step is dated; the day it was made for a
-- step written before steps had days). Params: %(report)s, %(force)s.
SELECT step_id, version, kind, stage_after, plan, chief_comments, chief_file, coalesce(on_date, made_at::date)
FROM responses WHERE report = %(report)s AND force = %(force)s
ORDER BY step_id
