-- name: reminder_reviews :items
-- Returns, for the weekly digest, the submissions waiting for a decision on recommendations the filters select, once
-- for each active person who may decide on them as a reviewer (the item's overseer, or a reviewer of its force), never
-- their author: person_id, email, name, seq, key, id, force, report_title, submitted_by, waited_days; longest waiting
-- first.
-- Params: $filters.
SELECT DISTINCT p.person_id, p.email, p.name, s.seq, s.key, f.id, f.force, f.report_title, s.actor AS submitted_by,
       $filters['as_of']::DATE - s.on_date AS waited_days
FROM submissions s
JOIN filtered($filters) f USING (key)
JOIN current_people p ON p.active AND p.person_id <> coalesce(s.actor_id, -1)
     AND (p.person_id = f.overseer_id OR (list_contains(p.roles, 'reviewer') AND p.force = f.force))
WHERE s.state = 'waiting'
ORDER BY p.person_id, waited_days DESC, s.seq
