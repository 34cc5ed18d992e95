-- name: item_submissions :rows
-- DuckDB, on a reader's search path (a write's own copy of the item, or a replica's): the submissions on item $key
-- and where each stands, by the submission_rows macro the pages read (schema/08_workflow.sql): seq, actor_id, state, status
-- (proposed), target (proposed), on_date (the day it was made), percent (the percent complete it reports), in number
-- order. Params: $key.
SELECT seq, actor_id, state, status, target, on_date, percent FROM submission_rows($key, NULL) ORDER BY seq
