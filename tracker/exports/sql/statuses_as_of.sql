-- name: statuses_as_of :rows
-- (key, status) of every recommendation published by $as_of, as the dashboard shows it on that date
-- ('no-status' before any status was set).
SELECT key, status FROM rec_state($as_of::DATE, 180)
