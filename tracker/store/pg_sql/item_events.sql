-- name: item_events :rows
-- PostgreSQL, in a workflow write's transaction holding the item's lock: item %(key)s's events as the rules fold them
-- (workflow/standing.py): seq, kind, key, on_date, actor_id, submission, status, target, decision, in order.
-- Params: %(key)s.
SELECT seq, kind, key, on_date, actor_id, submission, status, target, decision FROM events WHERE key = %(key)s
ORDER BY seq
