-- Every submission in the journal (`events`) and where it stands: seq, key, made_at, on_date, actor_id, actor, role,
-- source, comment, status (proposed), target (proposed), reason, evidence, state ('waiting', 'accepted', 'returned',
-- 'withdrawn'), decided_at, decided_on, decided_by, decided_by_id, decision_reason (why it was returned), decisions
-- (how many decisions it has had: more than one means a later one superseded an earlier), meeting (the board meeting
-- the latest decision was taken at, or null).
WITH withdrawn AS (
    SELECT submission, min(made_at) AS withdrawn_at FROM events WHERE kind = 'withdrawal' GROUP BY submission
),
decided AS (
    SELECT submission, arg_max(decision, seq) AS decision, arg_max(made_at, seq) AS decided_at,
           arg_max(on_date, seq) AS decided_on, arg_max(actor, seq) AS decided_by,
           arg_max(actor_id, seq) AS decided_by_id, arg_max(reason, seq) AS decision_reason, count(*) AS decisions,
           arg_max(meeting, seq) AS meeting
    FROM events WHERE kind = 'decision' GROUP BY submission
)
SELECT s.seq, s.key, s.made_at, s.on_date, s.actor_id, s.actor, s.role, s.source, s.comment, s.status, s.target,
       s.reason, s.evidence,
       CASE WHEN w.submission IS NOT NULL THEN 'withdrawn'
            WHEN d.decision = 'accept' THEN 'accepted'
            WHEN d.decision = 'return' THEN 'returned'
            ELSE 'waiting' END AS state,
       d.decided_at, d.decided_on, d.decided_by, d.decided_by_id, d.decision_reason, coalesce(d.decisions, 0) AS decisions,
       d.meeting
FROM events s
LEFT JOIN withdrawn w ON w.submission = s.seq
LEFT JOIN decided d ON d.submission = s.seq
WHERE s.kind = 'submission'
