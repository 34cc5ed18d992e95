-- name: item_closure_requests :rows
-- DuckDB, on a reader's search path: the closure requests on item $key and where each stands, by the closure_rows
-- macro the pages read (schema/08_workflow.sql): seq, requested_on, state, in number order. Params: $key.
SELECT seq, requested_on, state FROM closure_rows($key, NULL) ORDER BY seq
