-- name: upsert_reports :exec
-- Add the batch's reports; a held report keeps the earlier of the two publication dates.
INSERT INTO reports SELECT * FROM batch_reports
ON CONFLICT (id) DO UPDATE SET published_on = least(reports.published_on, excluded.published_on)
