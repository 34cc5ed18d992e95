-- name: changed_recommendations :exec
-- The merged recommendations that differ from what is held (new ones included): the rows an import writes.
CREATE OR REPLACE TEMP TABLE changed AS
SELECT * FROM merged
EXCEPT
SELECT * EXCLUDE (import_id) FROM recommendations WHERE key IN (SELECT key FROM merged)
