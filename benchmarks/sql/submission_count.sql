-- name: submission_count :rows
-- DuckDB, on a replica's copy: how many submissions it shows (a read that needs the derived rows current). Returns
-- one number. No parameters.
SELECT count(*) FROM submissions
