-- name: events_held :rows
-- How many events the journal holds, and how many distinct event ids (equal when no write was held twice).
-- Returns two counts. No parameters.
SELECT count(*), count(DISTINCT event_id) FROM events
