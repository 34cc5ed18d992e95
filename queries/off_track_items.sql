-- name: off_track_items :items
-- Returns the open recommendations the filters select that their lead or a reviewer has marked off track by the
-- filters' date and that are not yet overdue, soonest target first: key, id, force, report_title, text, owner,
-- target_current, forecast (the revised forecast given), slip_days (forecast less target), reason, since, by.
-- Params: $filters, $limit.
SELECT f.key, f.id, f.force, f.report_title, f.text, f.owner, f.target_current, t.forecast,
       t.forecast - f.target_current AS slip_days, t.reason, t.since, t.by
FROM filtered($filters) f
JOIN tracking_on($filters['as_of']) t ON t.key = f.key AND t.off_track
WHERE f.is_open AND coalesce(f.days_overdue, 0) <= 0
ORDER BY f.target_current NULLS LAST, f.key
LIMIT $limit
