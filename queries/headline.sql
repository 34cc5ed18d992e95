-- name: headline :one
-- Returns one row of headline figures for the filtered recommendations as of the filters' date:
--   total, open, complete, superseded, no_further_action, risk_accepted, carried_forward, overdue, stale, due_30,
--   implementation_rate (complete / (total - superseded - no further action needed - risk accepted - carried
--   forward), the rule statuses.IMPLEMENTATION_RULE states),
--   median_days_to_complete, last_update_on, forces (how many forces the recommendations belong to),
--   awaiting_inspectorate (items with a closure request waiting for the inspectorate's decision).
-- Params: $filters.
SELECT
    count(*) AS total,
    count(*) FILTER (WHERE is_open) AS open,
    count(*) FILTER (WHERE status = 'complete') AS complete,
    count(*) FILTER (WHERE status = 'superseded') AS superseded,
    count(*) FILTER (WHERE status = 'no-further-action-needed') AS no_further_action,
    count(*) FILTER (WHERE status = 'risk-accepted') AS risk_accepted,
    count(*) FILTER (WHERE status = 'carried-forward') AS carried_forward,
    count(*) FILTER (WHERE days_overdue > 0) AS overdue,
    count(*) FILTER (WHERE is_stale) AS stale,
    count(*) FILTER (WHERE is_open AND target_current BETWEEN $filters['as_of']::DATE AND $filters['as_of']::DATE + 30) AS due_30,
    count(*) FILTER (WHERE status = 'complete') / nullif(count(*) FILTER (WHERE NOT closed_apart(status)), 0) AS implementation_rate,
    median(days_to_complete) AS median_days_to_complete,
    max(last_update_on) AS last_update_on,
    count(DISTINCT force) AS forces,
    count(*) FILTER (WHERE key IN (SELECT key FROM closure_rows(NULL, NULL)
                                   WHERE state = 'waiting' AND requested_on <= $filters['as_of']::DATE))
        AS awaiting_inspectorate
FROM filtered($filters)
