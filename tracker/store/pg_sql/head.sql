-- name: head :rows
-- PostgreSQL, a replica's one cheap question on each rerun (and first in a pull's snapshot): the database's epoch and
-- its latest write's number. Returns epoch, change_no. No parameters.
SELECT epoch::text, change_no FROM data_version
