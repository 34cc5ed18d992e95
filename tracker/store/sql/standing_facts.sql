-- name: standing_facts :rows
-- The workflow facts ever said of the items $keys, for an import of an export to restore only what was never said
-- here (restoring over a later say would undo it): kind ('priority', 'withholding', 'link'), key, detail (a link's
-- 'relation other'; null for the others): a priority ever set, a withholding or release ever made, a link ever made
-- or taken back. Params: $keys.
SELECT DISTINCT 'priority' AS kind, key, NULL::VARCHAR AS detail
FROM events WHERE kind = 'priority' AND list_contains($keys::VARCHAR[], key)
UNION ALL
SELECT DISTINCT 'withholding', key, NULL FROM events WHERE kind = 'withhold' AND list_contains($keys::VARCHAR[], key)
UNION ALL
SELECT DISTINCT 'link', key, relation || ' ' || other FROM item_links WHERE list_contains($keys::VARCHAR[], key)
