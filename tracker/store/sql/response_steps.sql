-- name: response_steps :rows
-- Inside a write, on the copy: every step of force $force's response to report $report, oldest first: step_id,
-- version, kind, stage_after, plan (a draft's JSON), chief_comments, chief_file.
SELECT step_id, version, kind, stage_after, plan, chief_comments, chief_file
FROM responses WHERE report = $report AND force = $force
ORDER BY step_id
