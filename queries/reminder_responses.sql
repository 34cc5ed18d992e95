-- name: reminder_responses :items
-- Returns, for the weekly digest, each statutory response not yet published whose deadline is within $within days or
-- past (by at most $overdue_within days: older ones predate the tracker, as a rule, and stay on the Responses page),
-- once for each active person of its force area who works on it (roles among $roles: its drafters and its
-- commissioner): person_id, report, report_title, force, deadline, days_left, stage; the most overdue first.
-- Params: $filters, $days, $within, $overdue_within, $roles.
SELECT p.person_id, r.report, r.report_title, r.force, r.deadline, r.days_left, r.stage
FROM response_standing($filters, $days) r
JOIN current_people p ON p.active AND p.force = r.force AND len(list_intersect(p.roles, $roles::VARCHAR[])) > 0
WHERE r.first_published IS NULL AND r.days_left BETWEEN -$overdue_within AND $within
ORDER BY p.person_id, r.days_left, r.report_title
