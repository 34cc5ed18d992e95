-- name: closure_pending :many
-- Returns the recommendations the filters select that the force has accepted as complete and that have no closure
-- request waiting (they are pending sign-off, and the force may ask the inspectorate to close them): key, force,
-- report_title, text, last_update_on, files (their evidence files' numbers, newest first); oldest update first.
-- Params: $filters.
SELECT f.key, f.force, f.report_title, f.text, f.last_update_on,
       (SELECT list(e.file_id ORDER BY e.file_id DESC) FROM evidence e WHERE e.key = f.key) AS files
FROM filtered($filters) f
WHERE f.status = 'pending-sign-off'
  AND f.key NOT IN (SELECT key FROM closure_rows(NULL, NULL) WHERE state = 'waiting')
ORDER BY f.last_update_on NULLS FIRST, f.key
