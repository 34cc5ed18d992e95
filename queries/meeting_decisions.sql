-- name: meeting_decisions :items
-- Returns every decision recorded against meeting $meeting on recommendations the filters select (as of the
-- filters' date), in the order they were made: seq, kind ('decision' on a submission, 'target' agreed, 'risk_noting':
-- the board noted a risk acceptance), decision (accept, return, agree, noted), key, id, force, owner, submission,
-- proposed_status, proposed_target (a submission's), target (an agreed one), reason, actor, made_at.
-- Params: $filters, $meeting.
SELECT e.seq, e.kind, e.decision, e.key, f.id, f.force, f.owner, e.submission, s.status AS proposed_status,
       s.target AS proposed_target, e.target, e.reason, e.actor, e.made_at
FROM events e
JOIN filtered($filters) f USING (key)
LEFT JOIN events s ON s.seq = e.submission
WHERE e.meeting = $meeting
ORDER BY e.seq
