-- name: boards :many
-- Returns every board that the recommendations the filters select name, one row a force whose items name it, most
-- items first: board, force (whose board it is; null for the national board of that name, listed for a national
-- reader when the board's items span forces or it has met as national), items, open, meetings (how many are
-- recorded), last_met (the latest recorded meeting on or before the filters' date, or null).
-- Params: $filters.
WITH selected AS (
    SELECT board, force, is_open FROM filtered($filters) WHERE board IS NOT NULL
),
national_met AS (
    SELECT DISTINCT board FROM meeting_boards() WHERE board_force IS NULL
),
items AS (
    SELECT board, force, count(*) AS items, count(*) FILTER (WHERE is_open) AS open
    FROM selected
    GROUP BY board, force
    UNION ALL
    SELECT board, NULL AS force, count(*), count(*) FILTER (WHERE is_open)
    FROM selected
    WHERE $filters['scope'] IS NULL
    GROUP BY board
    HAVING count(DISTINCT force) > 1 OR board IN (SELECT board FROM national_met)
),
met AS (
    SELECT board, board_force AS force, count(*) AS meetings,
           max(held_on) FILTER (WHERE held_on <= $filters['as_of']::DATE) AS last_met
    FROM meeting_boards()
    GROUP BY board, board_force
)
SELECT i.board, i.force, i.items, i.open, coalesce(m.meetings, 0) AS meetings, m.last_met
FROM items i
LEFT JOIN met m ON m.board = i.board AND m.force IS NOT DISTINCT FROM i.force
ORDER BY i.items DESC, i.board, i.force NULLS FIRST
