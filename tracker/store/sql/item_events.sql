-- name: item_events :rows
-- Inside a write, on the copy: item $key's workflow events as the rules fold them (workflow/standing.py): seq, kind,
-- key, on_date, actor_id, submission, status, target, decision, in order. Params: $key.
SELECT seq, kind, key, on_date, actor_id, submission, status, target, decision FROM events WHERE key = $key ORDER BY seq
