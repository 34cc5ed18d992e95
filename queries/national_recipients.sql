-- name: national_recipients :items
-- Returns every copy the filters select (the page selects one national recommendation's id, with the national
-- bodies' copies), one a recipient, as it stood on the filters' date, the forces slowest first and then the national
-- bodies: key, force, is_body, status, is_open, days_overdue, days_open (since publication, for an open copy),
-- days_to_complete, target_current, last_update_on. Slowest: open copies first, longest overdue then longest open;
-- then the closed ones, longest to complete first.
-- Params: $filters.
SELECT key, force, is_body, status, is_open, days_overdue, CASE WHEN is_open THEN age_days END AS days_open,
       days_to_complete, target_current, last_update_on
FROM filtered($filters)
ORDER BY is_body, is_open DESC, coalesce(days_overdue, 0) DESC, age_days DESC NULLS LAST,
         days_to_complete DESC NULLS LAST, force
