-- name: add_saved_mapping :exec
-- PostgreSQL: a column mapping saved under a name (the latest of a name counts), stamped with the write's number.
-- Params: %(name)s, %(force)s, %(mapping)s, %(at)s, %(by)s, %(change_no)s.
INSERT INTO saved_mappings (name, force, mapping, saved_at, saved_by, change_no)
VALUES (%(name)s, %(force)s, %(mapping)s, %(at)s, %(by)s, %(change_no)s)
