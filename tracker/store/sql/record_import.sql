-- name: record_import :exec
-- One row in the import log: what it added and changed, in which forces, who made it, how, and with which column
-- mapping.
INSERT INTO imports BY NAME
SELECT $id AS id, $at AS imported_at, $kind AS kind, $sources AS sources, $recs AS recommendations_added,
       $updates AS updates_added, $changed AS recommendations_changed, $actor AS actor, $role AS role, $via AS via,
       $mapping AS mapping,
       (SELECT list(DISTINCT force ORDER BY force) FROM recommendation_versions
        WHERE key IN (SELECT key FROM changed UNION SELECT key FROM new_updates)) AS forces
