-- name: keys_of_report :rows
-- PostgreSQL: every item of report %(report)s in force %(force)s, by any version (a superset: the write's own copy of
-- them says which stand). Returns key. Params: %(report)s, %(force)s.
SELECT DISTINCT key FROM recommendation_versions WHERE report = %(report)s AND force = %(force)s
