-- name: person_items
-- Returns the open recommendations of one person ($person, as owner when $by = 'owner', as overseer when
-- $by = 'overseer') as of $as_of, overdue first (most overdue first), then by
-- target date: key, id, force, report_title, text, status, target_current, days_overdue, due_in_days,
-- window ('overdue', 'due in 30 days', 'due in 60 days', 'later', 'no target'), is_stale, last_update_on,
-- latest_comment.
-- Params: $as_of, $stale_days, $forces, $themes, $reports, $kinds, $statuses, $owners, $q, $by, $person.
WITH mine AS (
    SELECT *
    FROM filtered($as_of::DATE, $stale_days, $forces::VARCHAR[], $themes::VARCHAR[], $reports::VARCHAR[], $kinds::VARCHAR[], $statuses::VARCHAR[], $owners::VARCHAR[], $q::VARCHAR)
    WHERE is_open AND (CASE WHEN $by = 'overseer' THEN overseer ELSE owner END) = $person
),
latest AS (
    SELECT u.key, arg_max(u.text, (u.on_date, u.position)) AS latest_comment
    FROM updates u JOIN mine m ON m.key = u.key
    WHERE u.text IS NOT NULL AND u.on_date <= $as_of::DATE
    GROUP BY u.key
)
SELECT m.key, m.id, m.force, m.report_title, m.text, m.status, m.target_current, m.days_overdue,
       m.target_current - $as_of::DATE AS due_in_days,
       CASE WHEN m.days_overdue > 0 THEN 'overdue'
            WHEN m.target_current IS NULL THEN 'no target'
            WHEN m.target_current <= $as_of::DATE + 30 THEN 'due in 30 days'
            WHEN m.target_current <= $as_of::DATE + 60 THEN 'due in 60 days'
            ELSE 'later' END AS window,
       m.is_stale, m.last_update_on, l.latest_comment
FROM mine m LEFT JOIN latest l USING (key)
ORDER BY m.days_overdue DESC NULLS LAST, m.target_current NULLS LAST, m.key
