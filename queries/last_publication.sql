-- name: last_publication :one
-- Returns the latest publication of force $force's public site (no row before the first): publication_id, as_of,
-- made_at, actor, digest, files, manifest.
-- Params: $force.
SELECT publication_id, as_of, made_at, actor, digest, files, manifest
FROM publications
WHERE force = $force
ORDER BY publication_id DESC
LIMIT 1
