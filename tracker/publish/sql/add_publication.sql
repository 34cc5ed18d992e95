-- name: add_publication :exec
-- Append one publication of a force's site, inside a write. Params: $publication_id, $force, $as_of, $made_at,
-- $actor_id, $actor, $role, $source, $digest, $files, $manifest.
INSERT INTO publications (publication_id, force, as_of, made_at, actor_id, actor, role, source, digest, files, manifest)
VALUES ($publication_id, $force, $as_of, $made_at, $actor_id, $actor, $role, $source, $digest, $files, $manifest)
