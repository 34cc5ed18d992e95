-- name: response_report :rows
-- Inside a write, on the copy: report $report (id, title, published_on), or no row.
SELECT id, title, published_on FROM tracker.main.reports WHERE id = $report
