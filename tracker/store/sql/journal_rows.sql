-- The rows the workflow's events add to the history of the items $keys (null: every item), in the columns of `updates`:
--   each submission not withdrawn: its comment, dated the day it was made (an update from the force, awaiting review);
--   each submission whose latest decision accepts it: its proposed status and target, dated the decision's day
--   (a later decision supersedes an earlier one, so a returned-after-accepted submission adds nothing);
--   each target a board agreed at a meeting: the new target and why, dated the meeting's day.
-- Positions sort after every imported row of the same day, in the order the events were made. author and review say
-- who wrote a row and who accepted it (imported rows have neither); a decision taken at a board meeting says which.
WITH ev AS (  -- the events of the items $keys (null: every item); a decision carries its submission's item
    SELECT * FROM events WHERE $keys::VARCHAR[] IS NULL OR list_contains($keys::VARCHAR[], key)
),
withdrawn AS (SELECT DISTINCT submission FROM ev WHERE kind = 'withdrawal'),
decided AS (
    SELECT submission, arg_max(decision, seq) AS decision, arg_max(on_date, seq) AS decided_on,
           arg_max(actor, seq) AS decided_by, max(seq) AS decision_seq, arg_max(meeting, seq) AS meeting
    FROM ev WHERE kind = 'decision' GROUP BY submission
),
where_ AS (
    -- ' at the <board> meeting' for a decision taken at one, else nothing.
    SELECT d.*, coalesce(' at the ' || m.board || ' meeting', '') AS at_meeting
    FROM decided d LEFT JOIN meetings m ON m.meeting_id = d.meeting
),
live AS (
    SELECT * FROM ev WHERE kind = 'submission' AND seq NOT IN (SELECT submission FROM withdrawn)
)
SELECT s.key, s.on_date, NULL::VARCHAR AS status, s.comment AS text,
       'submission #' || s.seq || ' by ' || s.actor || ' (' || s.source || ')' AS source,
       (1000000000 + 2 * s.seq)::INTEGER AS position, NULL::INTEGER AS import_id, NULL::DATE AS stated_target,
       false AS decided, s.actor AS author,
       CASE WHEN d.decision = 'accept'
            THEN 'accepted by ' || d.decided_by || d.at_meeting || ' on ' || strftime(d.decided_on, '%Y-%m-%d')
            WHEN d.decision = 'return'
            THEN 'returned by ' || d.decided_by || d.at_meeting || ' on ' || strftime(d.decided_on, '%Y-%m-%d')
            ELSE 'awaiting review' END AS review
FROM live s
LEFT JOIN where_ d ON d.submission = s.seq
UNION ALL
SELECT s.key, d.decided_on, s.status,
       CASE WHEN s.target IS NOT NULL
            THEN 'Target revised to ' || strftime(s.target, '%-d %b %Y') || coalesce(': ' || s.reason, '') || '.' END,
       'submission #' || s.seq || ' accepted by ' || d.decided_by || d.at_meeting,
       (1000000000 + 2 * d.decision_seq + 1)::INTEGER, NULL::INTEGER, s.target, true, s.actor,
       'accepted by ' || d.decided_by || d.at_meeting || ' on ' || strftime(d.decided_on, '%Y-%m-%d')
FROM live s
JOIN where_ d ON d.submission = s.seq
WHERE d.decision = 'accept' AND (s.status IS NOT NULL OR s.target IS NOT NULL)
UNION ALL
SELECT e.key, e.on_date, NULL::VARCHAR,
       'Target revised to ' || strftime(e.target, '%-d %b %Y') || ', agreed by the ' || coalesce(m.board, 'board')
           || coalesce(': ' || e.reason, '') || '.',
       'board decision #' || e.seq || ' by ' || e.actor || coalesce(' at the ' || m.board || ' meeting', ''),
       (1000000000 + 2 * e.seq + 1)::INTEGER, NULL::INTEGER, e.target, true, e.actor,
       'agreed by ' || e.actor || coalesce(' at the ' || m.board || ' meeting', '') || ' on '
           || strftime(e.on_date, '%Y-%m-%d')
FROM ev e
LEFT JOIN meetings m ON m.meeting_id = e.meeting
WHERE e.kind = 'target'
