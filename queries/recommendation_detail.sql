-- name: recommendation_detail :one
-- Returns the recommendation with key $key as it stood on the filters' date (no row when unknown, not yet published
-- or not selected by the filters): key, id, force, report_title, report_published_on, inspectorate, kind, theme, text,
-- published_on, owner, owner_extracted, overseer, overseer_extracted, board, board_extracted, target_original,
-- target_current, target_text, target_extracted, status, days_overdue, last_update_on, cause_key (the cause of
-- concern it answers), peel_question, priority (1 high, 2, 3; null: none set), priority_reason, grade (the
-- inspectorate's follow-up grade at its latest revisit by then; null: none), graded_on, moves (how many times its
-- target has moved by then: target_moves), slip_days (its current target less its original target), percent (its
-- latest percent complete by then; null: none), percent_on (the day it was given), is_open, is_stale: with the days
-- overdue and the slip, what its force's RAG rule rates (tracker.core.rag).
-- Params: $filters, $key.
SELECT s.key, s.id, s.force, s.report_title, rp.published_on AS report_published_on, rp.inspectorate, s.kind,
       s.theme, s.text, s.published_on, s.owner, r.owner_extracted, s.overseer, r.overseer_extracted, s.board,
       r.board_extracted, s.target_original, s.target_current, r.target_text, r.target_extracted, s.status,
       s.days_overdue, s.last_update_on, s.cause_key, s.peel_question, s.priority, s.priority_reason, g.grade,
       g.graded_on, coalesce(m.moves, 0) AS moves, s.target_current - s.target_original AS slip_days, s.percent,
       s.percent_on, s.is_open, s.is_stale
FROM filtered($filters) s
JOIN recommendations r ON r.key = s.key
JOIN reports rp ON rp.id = s.report
LEFT JOIN grades_on($filters['as_of']) g ON g.key = s.key
LEFT JOIN move_counts($filters['as_of'], [$key]) m ON m.key = s.key
WHERE s.key = $key
