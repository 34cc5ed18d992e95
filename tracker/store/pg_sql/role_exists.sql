-- name: role_exists :rows
-- PostgreSQL: a row if the role named exists. Params: %(role)s.
SELECT 1 FROM pg_roles WHERE rolname = %(role)s
