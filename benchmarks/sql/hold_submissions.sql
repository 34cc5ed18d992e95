-- name: hold_submissions :exec
-- $n submissions appended to the journal in one write, spread over every item (as if a national year of them were
-- already held). Params: $n.
INSERT INTO events
SELECT (SELECT coalesce(max(seq), 0) FROM events) + i, 'held-' || i, 'submission', TIMESTAMP '2026-06-01',
       DATE '2026-06-01', NULL, 'bench@example.org', 'lead', 'benchmark', k.key, NULL,
       'Held progress ' || i, NULL, NULL, NULL, NULL, NULL, '{}', NULL, NULL, NULL
FROM range(1, $n + 1) t(i)
JOIN (SELECT key, row_number() OVER (ORDER BY key) - 1 AS r, count(*) OVER () AS c FROM rec_base) k
  ON k.r = i % k.c
