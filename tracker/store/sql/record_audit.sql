-- name: record_audit :exec
-- One row of the audit trail.
INSERT INTO audit VALUES ($made_at, $actor, $role, $source, $action, $entity, $before, $after)
