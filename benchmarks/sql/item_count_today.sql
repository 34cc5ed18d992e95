-- name: item_count_today :rows
-- How many items the state as of today holds (a first read after a write, as every page's next rerun makes).
-- Returns one count. No parameters.
SELECT count(*) FROM rec_state(current_date, 180)
