-- name: standing_facts :rows
-- The workflow facts that stand on the items $keys, for an import of an export to leave alone what it would only
-- repeat: kind ('priority', 'withholding', 'link'), key, detail (the priority, as text; a link's 'relation other'),
-- reason, on_date (the day a priority stands from). A priority is the item's latest, a withholding one in force, a
-- link one not taken back. Params: $keys.
SELECT 'priority' AS kind, key, arg_max(priority, seq)::VARCHAR AS detail, arg_max(reason, seq) AS reason,
       arg_max(on_date, seq) AS on_date
FROM priority_events WHERE list_contains($keys::VARCHAR[], key) GROUP BY key
UNION ALL
SELECT 'withholding', key, NULL, reason, NULL FROM withholdings WHERE withheld AND list_contains($keys::VARCHAR[], key)
UNION ALL
SELECT 'link', key, relation || ' ' || other, reason, NULL FROM links_now WHERE list_contains($keys::VARCHAR[], key)
