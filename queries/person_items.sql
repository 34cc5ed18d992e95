-- name: person_items :items
-- Returns the open recommendations of one person ($person, a person_key as owner_workload gives it: as owner when
-- $by = 'owner', as overseer when $by = 'overseer') as of the filters' date, overdue first (most overdue first), then
-- by target date:
-- key, id, force, report_title, text, status, target_current, days_overdue, due_in_days, window ('overdue',
-- 'due in 30 days', 'due in 60 days', 'later', 'no target'), is_stale, last_update_on, latest_comment, percent (its
-- latest percent complete by the date; null: none), slip_days (current target minus original): what its force's RAG
-- rule rates (tracker.core.rag).
-- Params: $filters, $by, $person.
WITH mine AS (
    SELECT *
    FROM filtered($filters)
    WHERE is_open
      AND CASE WHEN (CASE WHEN $by = 'overseer' THEN overseer_id ELSE owner_id END) IS NOT NULL
               THEN 'p' || (CASE WHEN $by = 'overseer' THEN overseer_id ELSE owner_id END)
               ELSE force || ':' || coalesce(CASE WHEN $by = 'overseer' THEN overseer ELSE owner END, '') END = $person
)
SELECT m.key, m.id, m.force, m.report_title, m.text, m.status, m.target_current, m.days_overdue,
       m.target_current - $filters['as_of']::DATE AS due_in_days,
       CASE WHEN m.days_overdue > 0 THEN 'overdue'
            WHEN m.target_current IS NULL THEN 'no target'
            WHEN m.target_current <= $filters['as_of']::DATE + 30 THEN 'due in 30 days'
            WHEN m.target_current <= $filters['as_of']::DATE + 60 THEN 'due in 60 days'
            ELSE 'later' END AS window,
       m.is_stale, m.last_update_on, c.text AS latest_comment, m.percent, m.target_current - m.target_original AS slip_days
FROM mine m
JOIN rec_base b USING (key)
LEFT JOIN comment_spans c ON c.rid = b.rid AND c.valid_from <= $filters['as_of']::DATE AND $filters['as_of']::DATE < c.valid_to
ORDER BY m.days_overdue DESC NULLS LAST, m.target_current NULLS LAST, m.key
