-- name: reminder_setting_held :rows
-- PostgreSQL: whether the reminder setting with event id %(id)s is held already. Returns a count. Params: %(id)s.
SELECT count(*) FROM reminder_settings WHERE event_id = %(id)s
