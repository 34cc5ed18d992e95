-- name: keys_of_import :rows
-- PostgreSQL: the items import %(id)s wrote updates or versions of. Returns key. Params: %(id)s.
SELECT key FROM updates WHERE import_id = %(id)s
UNION
SELECT key FROM recommendation_versions WHERE import_id = %(id)s
