-- name: closure_waits :many
-- Returns, per force of the recommendations the filters select that have had a closure request up to the filters'
-- date: force, decided (requests decided), median_wait_days (request to decision, over the decided ones),
-- waiting (requests still waiting), longest_waiting_days (the oldest waiting one's age); forces by name.
-- Params: $filters.
WITH requests AS (
    SELECT f.force, c.requested_on,
           CASE WHEN c.decided_on <= $filters['as_of']::DATE THEN c.decided_on END AS decided_on
    FROM closure_rows(NULL, NULL) c
    JOIN filtered($filters) f USING (key)
    WHERE c.requested_on <= $filters['as_of']::DATE
)
SELECT force,
       count(decided_on) AS decided,
       median(decided_on - requested_on) AS median_wait_days,
       count(*) FILTER (WHERE decided_on IS NULL) AS waiting,
       max($filters['as_of']::DATE - requested_on) FILTER (WHERE decided_on IS NULL) AS longest_waiting_days
FROM requests
GROUP BY force
ORDER BY force
