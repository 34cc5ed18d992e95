-- name: filter_options
-- Returns (field, value) for every value the sidebar filters can offer: force, theme, report, kind, owner,
-- status; values sorted within each field.
-- Params: none.
SELECT 'force' AS field, force AS value FROM (SELECT DISTINCT force FROM recommendations)
UNION ALL SELECT 'theme', theme FROM (SELECT DISTINCT theme FROM recommendations)
UNION ALL SELECT 'report', title FROM reports
UNION ALL SELECT 'kind', kind FROM (SELECT DISTINCT kind FROM recommendations)
UNION ALL SELECT 'owner', owner FROM (SELECT DISTINCT owner FROM recommendations WHERE owner IS NOT NULL)
UNION ALL SELECT 'status', status FROM (SELECT DISTINCT status FROM updates WHERE status IS NOT NULL)
ORDER BY field, value
