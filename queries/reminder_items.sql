-- name: reminder_items :items
-- Returns, for the weekly digest, each active lead's open items among those the filters select that need them:
-- overdue, due within 30 days of the filters' date, or stale. Columns: person_id, email, name, force, key, id,
-- report_title, text, target_current, days_overdue, due_in_days, latest_comment_on, section ('overdue', 'due soon',
-- 'stale'); by person, most urgent first (overdue longest, then due soonest, then silent longest).
-- Params: $filters.
SELECT p.person_id, p.email, p.name, f.force, f.key, f.id, f.report_title, f.text, f.target_current, f.days_overdue,
       f.target_current - $filters['as_of']::DATE AS due_in_days, c.valid_from AS latest_comment_on,
       CASE WHEN f.days_overdue > 0 THEN 'overdue'
            WHEN f.target_current <= $filters['as_of']::DATE + 30 THEN 'due soon' ELSE 'stale' END AS section
FROM filtered($filters) f
JOIN current_people p ON p.person_id = f.owner_id AND p.active AND list_contains(p.roles, 'lead')
JOIN rec_base b USING (key)
LEFT JOIN comment_spans c ON c.rid = b.rid AND c.valid_from <= $filters['as_of']::DATE AND $filters['as_of']::DATE < c.valid_to
WHERE f.is_open AND (f.days_overdue > 0 OR f.target_current <= $filters['as_of']::DATE + 30 OR f.is_stale)
ORDER BY p.person_id, CASE WHEN f.days_overdue > 0 THEN 1 WHEN f.target_current <= $filters['as_of']::DATE + 30 THEN 2
                          ELSE 3 END, f.days_overdue DESC NULLS LAST, f.target_current NULLS LAST, f.key
