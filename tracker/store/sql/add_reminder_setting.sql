-- name: add_reminder_setting :exec
-- Append a person's reminder setting: person, cadence, when, who, from where, its event id.
-- Params: $p, $c, $at, $actor, $source, $id.
INSERT INTO reminder_settings VALUES ($p, $c, $at, $actor, $source, $id)
