-- name: recommendation_versions_to_write :rows
-- DuckDB, on an import's own copy: the changed recommendations (the merge rule's `changed`) as new versions tagged
-- with $import_id, in the columns {columns} of recommendation_versions. Params: $import_id.
SELECT {columns} FROM (SELECT *, $import_id::INTEGER AS import_id FROM changed)
