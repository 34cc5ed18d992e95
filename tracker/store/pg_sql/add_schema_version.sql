-- name: add_schema_version :exec
-- PostgreSQL, in a migration's transaction: record it applied. Params: %(version)s, %(description)s,
-- %(installed_by)s.
INSERT INTO schema_version (version, description, installed_by) VALUES (%(version)s, %(description)s, %(installed_by)s)
