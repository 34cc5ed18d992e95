-- name: current :script
-- Rebuild `recommendations` (run first in every write's transaction): each key's latest version from an import that
-- is not retracted. The versions themselves are never changed.
DELETE FROM recommendations;

INSERT INTO recommendations BY NAME
SELECT * FROM recommendation_versions v
WHERE NOT EXISTS (SELECT 1 FROM retracted_imports x WHERE x.import_id = v.import_id)
QUALIFY row_number() OVER (PARTITION BY key ORDER BY import_id DESC) = 1;
