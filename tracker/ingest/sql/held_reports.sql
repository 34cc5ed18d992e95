-- name: held_reports :rows
-- Every report the database holds: title, id, published_on. No parameters.
SELECT title, id, published_on FROM reports
