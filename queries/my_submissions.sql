-- name: my_submissions :items
-- Returns the submissions person $person_id made, on recommendations the filters select, the undecided and returned
-- first, then newest first: seq, key, id, force, report_title, made_at, comment, status (proposed), target (proposed),
-- percent (the percent complete it reports), state, decided_by, decided_on, decision_reason.
-- Params: $filters, $person_id.
SELECT s.seq, s.key, f.id, f.force, f.report_title, s.made_at, s.comment, s.status, s.target, s.percent, s.state,
       s.decided_by,
       s.decided_on, s.decision_reason
FROM submissions s
JOIN filtered($filters) f USING (key)
WHERE s.actor_id = $person_id
ORDER BY CASE s.state WHEN 'waiting' THEN 1 WHEN 'returned' THEN 2 ELSE 3 END, s.seq DESC
