-- name: filter_options :many
-- Returns (field, value) for every value the sidebar filters can offer among the recommendations the filters select
-- (give them with no narrowing but the date): force, theme, report, kind, owner, status (as they stand on the date),
-- source (the code of data/sources.csv; the sidebar shows its name);
-- sorted within each field.
-- Params: $filters.
WITH f AS (SELECT force, theme, report_title, kind, owner, status, source FROM filtered($filters))
SELECT 'force' AS field, force AS value FROM (SELECT DISTINCT force FROM f)
UNION ALL SELECT 'theme', theme FROM (SELECT DISTINCT theme FROM f)
UNION ALL SELECT 'report', report_title FROM (SELECT DISTINCT report_title FROM f)
UNION ALL SELECT 'kind', kind FROM (SELECT DISTINCT kind FROM f)
UNION ALL SELECT 'owner', owner FROM (SELECT DISTINCT owner FROM f WHERE owner IS NOT NULL)
UNION ALL SELECT 'status', status FROM (SELECT DISTINCT status FROM f)
UNION ALL SELECT 'source', source FROM (SELECT DISTINCT source FROM f)
ORDER BY field, value
