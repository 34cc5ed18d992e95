-- name: closure_queue :many
-- Returns the closure requests waiting for the inspectorate on the recommendations the filters select, oldest first:
-- seq (the request's number), key, force, report_title, text, requested_on, requested_by, days_waiting (to the
-- filters' date), comment, files (the evidence sent: "name (#n)", in number order).
-- Params: $filters.
SELECT c.seq, c.key, f.force, f.report_title, f.text, c.requested_on, c.requested_by,
       $filters['as_of']::DATE - c.requested_on AS days_waiting, c.comment,
       (SELECT list(e.name || ' (#' || e.file_id || ')' ORDER BY e.file_id) FROM evidence e
        WHERE e.key = c.key AND list_contains(c.files, e.file_id::VARCHAR)) AS files
FROM closure_rows(NULL, NULL) c
JOIN filtered($filters) f USING (key)
WHERE c.state = 'waiting' AND c.requested_on <= $filters['as_of']::DATE
ORDER BY c.requested_on, c.seq
