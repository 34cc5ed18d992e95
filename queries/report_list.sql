-- name: report_list :many
-- Returns every report the database holds, by title: id, title, published_on. (Titles are public: what the reader may
-- see of a report's recommendations is limited elsewhere.)
SELECT id, title, published_on FROM reports ORDER BY title
