-- name: reminder_reviews :items
-- Returns, for the weekly digest, each submission waiting for a decision on recommendations the filters select,
-- paired with every active person who might decide on it: its overseer, or anyone of its force or national. Who may
-- decide is the rules' (workflow/rules.py review_refusal), applied to these pairs by the digest: person_id, email,
-- name, person_force, roles, seq, key, id, force, overseer_id, owner_id, is_open, board, author_id, submitted_by,
-- report_title, waited_days; longest waiting first.
-- Params: $filters.
SELECT p.person_id, p.email, p.name, p.force AS person_force, p.roles, s.seq, s.key, f.id, f.force, f.overseer_id,
       f.owner_id, f.is_open, f.board, s.actor_id AS author_id, s.actor AS submitted_by, f.report_title,
       $filters['as_of']::DATE - s.on_date AS waited_days
FROM submissions s
JOIN filtered($filters) f USING (key)
JOIN current_people p ON p.active AND (p.person_id = f.overseer_id OR p.force IS NULL OR p.force = f.force)
WHERE s.state = 'waiting'
ORDER BY p.person_id, waited_days DESC, s.seq
