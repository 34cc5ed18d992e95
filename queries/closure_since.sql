-- name: closure_since :many
-- Returns the closure requests made on or after $since (up to the filters' date) on the recommendations the filters
-- select, oldest first: seq, key, force, owner, requested_on, requested_by, state (waiting, accepted, returned),
-- decided_on.
-- Params: $filters, $since.
SELECT c.seq, c.key, f.force, f.owner, c.requested_on, c.requested_by,
       CASE WHEN c.decided_on <= $filters['as_of']::DATE THEN c.state ELSE 'waiting' END AS state,
       CASE WHEN c.decided_on <= $filters['as_of']::DATE THEN c.decided_on END AS decided_on
FROM closure_rows(NULL, NULL) c
JOIN filtered($filters) f USING (key)
WHERE c.requested_on BETWEEN $since::DATE AND $filters['as_of']::DATE
ORDER BY c.requested_on, c.seq
