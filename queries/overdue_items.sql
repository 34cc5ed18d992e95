-- name: overdue_items :items
-- Returns open recommendations past their current target as of the filters' date, one row each:
--   key, id, force, report_title, text, owner, overseer, status, target_original, target_current, days_overdue,
--   slip_days (current target minus original), ageing (the bucket's label: '0–30', '31–90', '91–180', 'over 180'
--   days overdue), last_update_on, days_since_update, is_stale, moves (how many times its target has moved since
--   its original, up to the date: target_moves), priority (1 high, 2, 3; null: none set), priority_reason, percent
--   (its latest percent complete by the date; null: none; what its force's RAG rule rates, tracker.core.rag).
-- Sorted by priority first (1 first, none set last; the meeting agenda follows it), then by $sort, one of:
-- days_overdue (default), slip_days, force, owner, target_current; at most $limit rows.
-- Params: $filters, $sort, $limit.
SELECT f.key, id, force, report_title, text, owner, overseer, status, target_original, target_current, days_overdue,
       target_current - target_original AS slip_days,
       bucket_label(ageing_bucket(days_overdue)) AS ageing,
       last_update_on, days_since_update, is_stale, coalesce(m.moves, 0) AS moves,
       priority, priority_reason, percent
FROM filtered($filters) f
LEFT JOIN move_counts($filters['as_of'], NULL) m ON m.key = f.key
WHERE days_overdue > 0
ORDER BY
    priority NULLS LAST,
    CASE $sort WHEN 'slip_days' THEN target_current - target_original WHEN 'target_current' THEN -epoch(target_current)::BIGINT
               ELSE days_overdue END DESC NULLS LAST,
    CASE $sort WHEN 'force' THEN force WHEN 'owner' THEN owner END,
    days_overdue DESC, f.key
LIMIT $limit
