-- name: headline
-- Returns one row of headline figures for the filtered recommendations as of $as_of:
--   total, open, complete, superseded, overdue, stale, due_30, implementation_rate (complete / (total - superseded)),
--   median_days_to_complete, last_update_on.
-- Params: $as_of, $stale_days, $forces, $themes, $reports, $kinds, $statuses, $owners, $q.
SELECT
    count(*) AS total,
    count(*) FILTER (WHERE is_open) AS open,
    count(*) FILTER (WHERE status = 'complete') AS complete,
    count(*) FILTER (WHERE status = 'superseded') AS superseded,
    count(*) FILTER (WHERE days_overdue > 0) AS overdue,
    count(*) FILTER (WHERE is_stale) AS stale,
    count(*) FILTER (WHERE is_open AND target_current BETWEEN $as_of::DATE AND $as_of::DATE + 30) AS due_30,
    count(*) FILTER (WHERE status = 'complete') / nullif(count(*) FILTER (WHERE status <> 'superseded'), 0) AS implementation_rate,
    median(days_to_complete) AS median_days_to_complete,
    max(last_update_on) AS last_update_on
FROM filtered($as_of::DATE, $stale_days, $forces::VARCHAR[], $themes::VARCHAR[], $reports::VARCHAR[], $kinds::VARCHAR[], $statuses::VARCHAR[], $owners::VARCHAR[], $q::VARCHAR)
