-- Inside a write, on the copy: recommendation $key as the workflow rules need it on $today: key, force, owner_id,
-- overseer_id, board, status and target (the latest of the imported history's and an accepted submission's or a
-- board's, or the inspectorate's decision on closure, by date). Params: $key, $today.
WITH accepted AS (
    SELECT accepted_status(s.status) AS status, s.target, s.decided_on, s.seq FROM submission_rows($key, NULL) s
    WHERE s.state = 'accepted'
    UNION ALL
    SELECT NULL, target, on_date, seq FROM events WHERE key = $key AND kind IN ('target', 'response')  -- a board's; a response's
    UNION ALL
    SELECT closure_status(decision), NULL, on_date, seq FROM events WHERE key = $key AND kind = 'closure_decision'
),
latest AS (
    SELECT arg_max(status, (decided_on, seq)) FILTER (WHERE status IS NOT NULL) AS status,
           max(decided_on) FILTER (WHERE status IS NOT NULL) AS status_on,
           arg_max(target, (decided_on, seq)) FILTER (WHERE target IS NOT NULL) AS target,
           max(decided_on) FILTER (WHERE target IS NOT NULL) AS target_on
    FROM accepted
)
SELECT b.key, b.force, b.owner_id, b.overseer_id, b.board,
       CASE WHEN l.status IS NOT NULL AND l.status_on >= coalesce(s.valid_from, DATE '0001-01-01') THEN l.status
            ELSE coalesce(s.status, 'no-status') END AS status,
       CASE WHEN l.target IS NOT NULL AND l.target_on >= coalesce(s.valid_from, DATE '0001-01-01') THEN l.target
            ELSE coalesce(s.target, b.target_current) END AS target_current
FROM tracker.main.rec_base b
LEFT JOIN tracker.main.status_spans s ON s.rid = b.rid AND s.valid_from <= $today AND $today < s.valid_to
CROSS JOIN latest l
WHERE b.key = $key AND (b.published_on IS NULL OR b.published_on <= $today)
