-- name: create_role :exec
-- PostgreSQL: create the app's login role (its password, if any, is set outside the repo). Identifiers (composed by
-- psycopg.sql, quoted): {role}.
CREATE ROLE {role} LOGIN
