-- name: keys_of_board :rows
-- PostgreSQL: every item of the forces %(forces)s (null: every force) any version of which names board %(board)s (a
-- superset: the write's own copy of them says which name it now), in key order. Returns key. Params: %(board)s,
-- %(forces)s.
SELECT DISTINCT key FROM recommendation_versions
WHERE board = %(board)s AND (%(forces)s::text[] IS NULL OR force = ANY(%(forces)s::text[]))
ORDER BY key
