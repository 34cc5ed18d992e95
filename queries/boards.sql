-- name: boards :many
-- Returns every board that the recommendations the filters select name, one row each, most items first:
--   board, items, open, meetings (how many are recorded), last_met (the latest recorded meeting on or before the
--   filters' date, or null).
-- Params: $filters.
WITH items AS (
    SELECT board, count(*) AS items, count(*) FILTER (WHERE is_open) AS open
    FROM filtered($filters)
    WHERE board IS NOT NULL
    GROUP BY board
),
met AS (
    SELECT board, count(*) AS meetings,
           max(held_on) FILTER (WHERE held_on <= $filters['as_of']::DATE) AS last_met
    FROM meetings
    GROUP BY board
)
SELECT i.board, i.items, i.open, coalesce(m.meetings, 0) AS meetings, m.last_met
FROM items i
LEFT JOIN met m USING (board)
ORDER BY i.items DESC, i.board
