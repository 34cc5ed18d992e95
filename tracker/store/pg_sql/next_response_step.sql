-- name: next_response_step :rows
-- PostgreSQL, in a write holding the counter: the next response step's number. Returns one number. No parameters.
SELECT coalesce(max(step_id), 0) + 1 FROM responses
