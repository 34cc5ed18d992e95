-- name: owner_slippage :many
-- Returns, for the owners with most overdue or slipping open items among the filtered recommendations, one row each
-- (at most $limit, most overdue first): owner ('Not named' when none), overdue (past their current target), slipping
-- (not yet overdue, but the target in force is later than the original).
-- Params: $filters, $limit.
SELECT coalesce(owner, 'Not named') AS owner,
       count(*) FILTER (WHERE days_overdue > 0) AS overdue,
       count(*) FILTER (WHERE days_overdue IS NULL AND target_current > target_original) AS slipping
FROM filtered($filters)
WHERE is_open AND (days_overdue > 0 OR target_current > target_original)
GROUP BY ALL
ORDER BY overdue DESC, slipping DESC, owner
LIMIT $limit
