-- name: event_key :rows
-- Inside a write, on the copy: the item event $seq is about (key); no row if there is no such event. Params: $seq.
SELECT key FROM events WHERE seq = $seq
