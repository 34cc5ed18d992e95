-- name: status_funnel :many
-- Returns one row a status (status, n), every canonical status present even at zero, in lifecycle order
-- (awaiting-review, being-progressed, pending-sign-off, complete, superseded, no-further-action-needed,
-- risk-accepted, carried-forward), then any other status.
-- Params: $filters.
WITH counts AS (
    SELECT status, count(*) AS n
    FROM filtered($filters)
    GROUP BY status
),
canonical(status, ord) AS (
    VALUES ('awaiting-review', 1), ('being-progressed', 2), ('pending-sign-off', 3), ('complete', 4), ('superseded', 5),
           ('no-further-action-needed', 6), ('risk-accepted', 7), ('carried-forward', 8)
)
SELECT coalesce(c.status, k.status) AS status, coalesce(c.n, 0) AS n
FROM canonical k FULL JOIN counts c ON c.status = k.status
ORDER BY coalesce(k.ord, 99), status
