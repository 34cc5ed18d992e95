-- name: reminder_setting_held :rows
-- Whether a reminder-setting write was applied already: how many rows carry its event id. Params: $id.
SELECT count(*) FROM reminder_settings WHERE event_id = $id
