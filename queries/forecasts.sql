-- name: forecasts :items
-- Returns a forecast for every open recommendation the filters select whose publication date is known (only those
-- of $keys when it is not null), as forecast_rows (tracker/store/schema/06_survival.sql) makes it: key, id, force,
-- report_title, text, owner, status, target_current, days_overdue, grp (kind · theme), basis (how many comparable
-- items), age (days open), p_by_target (chance it is complete by its current target: 0 when the target has passed,
-- null with no target), expected_on (the date the conditional curve reaches one half: null when the comparable items
-- never get there); by key.
-- Params: $filters, $keys.
SELECT * FROM forecast_rows($filters, $keys::VARCHAR[])
ORDER BY key
