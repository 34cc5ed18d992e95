-- name: share_counter :rows
-- PostgreSQL, in a workflow write's transaction, just after it takes the writes lock shared: what the write checks
-- against its copy: the epoch, the latest counted write's number, and the latest write of the facts it reads from
-- the copy (no write of them can be made until it ends). Returns epoch, change_no, facts_no. No parameters.
SELECT epoch::text, change_no, facts_no FROM data_version
