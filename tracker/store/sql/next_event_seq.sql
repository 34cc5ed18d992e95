-- name: next_event_seq :rows
-- Inside a write, on the copy holding the write counter: the next event's number. No parameters.
SELECT coalesce(max(seq), 0) + 1 FROM events
