-- name: target_line :many
-- Returns the line of targets of recommendation $key up to the filters' date, oldest first (none when the filters do
-- not select it): its original target, then each move of it (target_moves): on_date, target, move (0 for the
-- original, then 1, 2…), how ('original', 'agreed by a reviewer', 'agreed by a board', 'in the imported data'),
-- agreed (who agreed the move, in words: a reviewer alone, or the board at which meeting), slip_days (the move's),
-- proposed_by (the lead whose extension request it was), reason.
-- Params: $filters, $key.
WITH item AS (
    SELECT key, published_on, target_original FROM filtered($filters) WHERE key = $key
)
SELECT i.published_on AS on_date, i.target_original AS target, 0 AS move, 'original' AS how, NULL::VARCHAR AS agreed,
       NULL::INTEGER AS slip_days, NULL::VARCHAR AS proposed_by, NULL::VARCHAR AS reason
FROM item i
WHERE i.target_original IS NOT NULL
UNION ALL
SELECT m.on_date, m.target, m.move, m.how,
       CASE m.how WHEN 'agreed by a reviewer' THEN m.agreed_by || ' alone (' || m.role || ')'
                  WHEN 'agreed by a board' THEN 'the ' || m.board || ' at its meeting of ' || strftime(m.held_on, '%-d %b %Y')
                                                || ' (chair ' || m.agreed_by || ')'
                  ELSE 'not recorded' END,
       m.slip_days, m.proposed_by, m.reason
FROM target_moves($filters['as_of'], [$key]) m
JOIN item i USING (key)
ORDER BY move
