-- name: response_report :rows
-- PostgreSQL: report %(report)s as it stands (its latest row). Returns id, title, published_on. Params: %(report)s.
SELECT id, title, published_on FROM reports WHERE id = %(report)s ORDER BY change_no DESC LIMIT 1
