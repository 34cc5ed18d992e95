-- name: next_response_step :rows
-- Inside a write, on the copy: the next response step's number.
SELECT coalesce(max(step_id), 0) + 1 FROM responses
