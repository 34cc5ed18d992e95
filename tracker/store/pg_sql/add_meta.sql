-- name: add_meta :exec
-- PostgreSQL: one fact about the data (its latest row a key counts), stamped with the write's number.
-- Params: %(key)s, %(value)s, %(change_no)s.
INSERT INTO meta (key, value, change_no) VALUES (%(key)s, %(value)s, %(change_no)s)
