-- name: closed_since :items
-- Returns the filtered recommendations completed or closed from $since to the filters' date (both days included):
-- closed on the filters' date and open (or not yet published) on the day before $since, so that consecutive windows
-- list an item once, in the window it closed in; soonest closed first, at most $limit: key, id, force, owner, status
-- (complete, or one closed apart: superseded, no-further-action-needed, risk-accepted, carried-forward), closed_on (the
-- day it was marked so), report_title, text,
-- total (how many there are in all, whatever $limit leaves out).
-- Params: $filters, $since, $limit.
WITH now_ AS (
    SELECT * FROM filtered($filters) WHERE NOT is_open
),
then_ AS (
    SELECT key, is_open
    FROM rec_state($since::DATE - 1, $filters['stale_days']::INTEGER)
    WHERE key IN (SELECT key FROM now_)
)
SELECT n.key, n.id, n.force, n.owner, n.status, n.closed_on, n.report_title, n.text, count(*) OVER () AS total
FROM now_ n
LEFT JOIN then_ t USING (key)
WHERE t.key IS NULL OR t.is_open
ORDER BY n.closed_on NULLS LAST, n.force, n.id
LIMIT $limit
