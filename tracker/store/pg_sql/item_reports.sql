-- name: item_reports :rows
-- PostgreSQL, in a write's transaction: the rows of the reports of the items %(keys)s and of the reports %(reports)s,
-- with their write's number, for the write's own small copy (which keeps each report's latest). Identifiers: {table}
-- (reports), {columns}. Params: %(keys)s, %(reports)s.
SELECT {columns}, change_no FROM {table}
WHERE id IN (SELECT report FROM recommendation_versions WHERE key = ANY(%(keys)s::text[]))
   OR id = ANY(%(reports)s::text[])
