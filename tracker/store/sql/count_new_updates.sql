-- name: count_new_updates :rows
-- How many updates a batch adds (the temporary `new_updates` of new_updates): one number. No parameters.
SELECT count(*) FROM new_updates
