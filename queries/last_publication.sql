-- name: last_publication :one
-- Returns the latest publication of force $force's public site, when the reader may see that force (no row before
-- the first, or outside the reader's scope): publication_id, as_of, made_at, actor, digest, files, manifest.
-- Params: $filters, $force.
SELECT publication_id, as_of, made_at, actor, digest, files, manifest
FROM publications
WHERE force = $force AND ($filters['scope'] IS NULL OR list_contains($filters['scope']::VARCHAR[], force))
ORDER BY publication_id DESC
LIMIT 1
