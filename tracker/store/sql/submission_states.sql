-- name: submission_states :rows
-- Every submission in the journal (`events`) and where it stands: the columns of the submission_rows macro
-- (store/journal.sql), for every item. No parameters.
SELECT * FROM submission_rows(NULL, NULL)
