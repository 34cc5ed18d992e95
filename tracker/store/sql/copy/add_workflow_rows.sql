-- name: add_workflow_rows :exec
-- DuckDB, on the fold path: into tracker.folded.workflow_rows, the rows the workflow's events add to the history of
-- the items $keys (null: every item), in the columns of `updates`. Params: $keys. The rows:
--   each submission not withdrawn: its comment, dated the day it was made (an update from the force, awaiting review);
--   each submission whose latest decision accepts it: its proposed status, target and percent complete, dated the
--   decision's day (a later decision supersedes an earlier one, so a returned-after-accepted submission adds nothing);
--   each target a board agreed at a meeting: the new target and why, dated the meeting's day;
--   an accepted target (an extension request agreed) and a board's target each say who agreed the move: a reviewer
--   alone (its overseer, a reviewer or an administrator: who, by name, is in review), or the board at which meeting;
--   each closure request (dated the day it was made) and the inspectorate's decision on it (complete, or back to
--   being progressed, dated the decision's day); each reopening of a closed item by the inspectorate (being
--   progressed, with its reason, dated its day);
--   each recommendation's planned action when the commissioner's response to its report is published: its first
--   dated update, dated the publication day, whose target is then its target (and its original target); its owner
--   is not written into the text, which outlives a change in whether the directory may name them publicly;
--   each time a lead or reviewer marks an item off track (with why and a revised forecast) or back on track;
--   each follow-up grade the inspectorate gives at a revisit (its status is unchanged);
--   each step of a risk acceptance (its proposal, the chief officer's or commissioner's sign-off dated the day they
--   signed, the board's noting dated its meeting's day, a withdrawal) and, once it is signed off and noted, the item's
--   closing as risk accepted, dated the last of those days (risk_acceptances says when);
--   each carrying forward of an item into a newer one that takes it over, which closes it.
-- A force's acceptance of a proposed 'complete' makes the item pending sign-off (accepted_status): the inspectorate
-- decides when it is complete. An acceptance made while actions under the item were open says which, and why the
-- reviewer accepted it all the same. The actions' own steps are not rows of the item's history (an action is no
-- recommendation, and its notes are not the item's updates): queries/item_action_trail.sql lists them.
-- Positions sort after every imported row of the same day, in the order the events were made. author and review say
-- who wrote a row and who accepted it (an imported row has them only as its file said, e.g. an export of these
-- rows); a decision taken at a board meeting says which.
-- public says whether the row's text may go on the force's public site: a submission's (and its acceptance's) when its
-- lead said so, the published response's planned action always, nothing else (board and inspectorate notes stay in).
-- percent is an accepted submission's percent complete (its text does not repeat it, so the lead's comment stays the
-- latest comment); every other row has none.
INSERT INTO tracker.folded.workflow_rows
WITH ev AS (  -- the events of the items $keys (null: every item); a decision carries its submission's item
    SELECT * FROM events WHERE $keys::VARCHAR[] IS NULL OR list_contains($keys::VARCHAR[], key)
),
withdrawn AS (SELECT DISTINCT submission FROM ev WHERE kind = 'withdrawal'),
lapsed AS (SELECT submission, min(on_date) AS lapsed_on FROM ev WHERE kind = 'lapse' GROUP BY submission),
decided AS (
    SELECT submission, arg_max(decision, seq) AS decision, arg_max(on_date, seq) AS decided_on,
           arg_max(actor, seq) AS decided_by, max(seq) AS decision_seq, arg_max(meeting, seq) AS meeting,
           arg_max(role, seq) AS decided_as, arg_max(reason, seq) AS decision_reason,
           from_json(json_extract(arg_max(after, seq), '$.open_actions'), '["INTEGER"]') AS open_actions
    FROM ev WHERE kind = 'decision' GROUP BY submission
),
where_ AS (
    -- ' at the <board> meeting' for a decision taken at one, else nothing; and who agreed a target's move, in words.
    SELECT d.*, coalesce(' at the ' || m.board || ' meeting', '') AS at_meeting,
           coalesce('Agreed by the ' || m.board || ' at its meeting of ' || strftime(m.held_on, '%-d %b %Y') || '.',
                    'Agreed by ' || CASE d.decided_as WHEN 'overseer' THEN 'its overseer' WHEN 'admin'
                                         THEN 'an administrator' ELSE 'a reviewer' END || ' alone.') AS move_agreed
    FROM decided d LEFT JOIN meetings m ON m.meeting_id = d.meeting
),
live AS (
    SELECT *, json_extract_string(after, '$.proposed_percent')::INTEGER AS percent
    FROM ev WHERE kind = 'submission' AND seq NOT IN (SELECT submission FROM withdrawn)
)
SELECT s.key, s.on_date, NULL::VARCHAR AS status, s.comment AS text,
       'submission #' || s.seq || ' by ' || s.actor || ' (' || s.source || ')' AS source,
       (1000000000 + 2 * s.seq)::INTEGER AS position, NULL::INTEGER AS import_id, NULL::DATE AS stated_target,
       false AS decided, s.actor AS author,
       CASE WHEN d.decision = 'accept'
            THEN 'accepted by ' || d.decided_by || d.at_meeting || ' on ' || strftime(d.decided_on, '%Y-%m-%d')
            WHEN d.decision = 'return'
            THEN 'returned by ' || d.decided_by || d.at_meeting || ' on ' || strftime(d.decided_on, '%Y-%m-%d')
            WHEN l.submission IS NOT NULL
            THEN 'lapsed when the item closed on ' || strftime(l.lapsed_on, '%Y-%m-%d')
            ELSE 'awaiting review' END AS review,
       coalesce(s.public, false) AS public, NULL::INTEGER AS percent
FROM live s
LEFT JOIN where_ d ON d.submission = s.seq
LEFT JOIN lapsed l ON l.submission = s.seq
UNION ALL
SELECT s.key, d.decided_on, accepted_status(s.status),
       concat_ws(' ', CASE WHEN s.status = 'complete'
                           THEN 'The force accepts that this is complete; it is pending the inspectorate''s sign-off.' END,
                 CASE WHEN s.target IS NOT NULL
                      THEN 'Target revised to ' || strftime(s.target, '%-d %b %Y')
                           || coalesce(': ' || rtrim(s.reason, '. '), '') || '. ' || d.move_agreed END,
                 CASE WHEN len(coalesce(d.open_actions, [])) > 0
                      THEN 'Accepted as complete with action' || CASE WHEN len(d.open_actions) > 1 THEN 's ' ELSE ' ' END
                           || array_to_string(d.open_actions, ', ') || ' still open: ' || rtrim(d.decision_reason, '. ')
                           || '.' END),
       'submission #' || s.seq || ' accepted by ' || d.decided_by || d.at_meeting,
       (1000000000 + 2 * d.decision_seq + 1)::INTEGER, NULL::INTEGER, s.target, true, s.actor,
       'accepted by ' || d.decided_by || d.at_meeting || ' on ' || strftime(d.decided_on, '%Y-%m-%d'),
       coalesce(s.public, false), s.percent
FROM live s
JOIN where_ d ON d.submission = s.seq
WHERE d.decision = 'accept' AND (s.status IS NOT NULL OR s.target IS NOT NULL OR s.percent IS NOT NULL)
UNION ALL
SELECT e.key, e.on_date, NULL::VARCHAR,
       'Target revised to ' || strftime(e.target, '%-d %b %Y') || ', agreed by the ' || coalesce(m.board, 'board')
           || coalesce(' at its meeting of ' || strftime(m.held_on, '%-d %b %Y'), '')
           || coalesce(': ' || e.reason, '') || '.',
       'board decision #' || e.seq || ' by ' || e.actor || coalesce(' at the ' || m.board || ' meeting', ''),
       (1000000000 + 2 * e.seq + 1)::INTEGER, NULL::INTEGER, e.target, true, e.actor,
       'agreed by ' || e.actor || coalesce(' at the ' || m.board || ' meeting', '') || ' on '
           || strftime(e.on_date, '%Y-%m-%d'),
       false, NULL::INTEGER
FROM ev e
LEFT JOIN meetings m ON m.meeting_id = e.meeting
WHERE e.kind = 'target'
UNION ALL
SELECT r.key, r.on_date, NULL::VARCHAR,
       'Closure requested from the inspectorate' || CASE WHEN len(coalesce(r.evidence, [])) > 0
           THEN ', with evidence files ' || array_to_string(list_transform(r.evidence, lambda x: '#' || x), ', ') ELSE '' END
           || coalesce(': ' || rtrim(r.comment, '. '), '') || '.',
       'closure request #' || r.seq || ' by ' || r.actor || ' (' || r.source || ')',
       (1000000000 + 2 * r.seq)::INTEGER, NULL::INTEGER, NULL::DATE, false, r.actor,
       coalesce((SELECT CASE d.decision WHEN 'accept' THEN 'accepted' ELSE 'returned' END || ' by ' || d.actor || ' on '
                        || strftime(d.on_date, '%Y-%m-%d')
                 FROM ev d WHERE d.kind = 'closure_decision' AND d.submission = r.seq ORDER BY d.seq DESC LIMIT 1),
                'awaiting the inspectorate'),
       false, NULL::INTEGER
FROM ev r
WHERE r.kind = 'closure_request'
UNION ALL
SELECT d.key, d.on_date, closure_status(d.decision),
       CASE d.decision WHEN 'accept' THEN 'The inspectorate is satisfied this is complete' || coalesce(': ' || rtrim(d.reason, '. '), '')
            ELSE 'The inspectorate returned the closure request: ' || coalesce(rtrim(d.reason, '. '), 'no reason given') END
           || '.' || CASE WHEN d.role = 'liaison' THEN ' (Recorded from the inspectorate''s letter'
                          || coalesce(', evidence file #' || d.evidence[1], '') || '.)' ELSE '' END,
       'closure decision #' || d.seq || ' on request #' || d.submission || ' by ' || d.actor,
       (1000000000 + 2 * d.seq + 1)::INTEGER, NULL::INTEGER, NULL::DATE, true, d.actor,
       CASE d.decision WHEN 'accept' THEN 'accepted' ELSE 'returned' END || ' by ' || d.actor || ' ('
           || d.role || ') on ' || strftime(d.on_date, '%Y-%m-%d'),
       false, NULL::INTEGER
FROM ev d
WHERE d.kind = 'closure_decision'
UNION ALL
SELECT o.key, o.on_date, 'being-progressed',
       'The inspectorate reopened this recommendation: ' || rtrim(o.reason, '. ') || '.',
       'reopening #' || o.seq || ' by ' || o.actor,
       (1000000000 + 2 * o.seq + 1)::INTEGER, NULL::INTEGER, NULL::DATE, true, o.actor,
       'reopened by ' || o.actor || ' on ' || strftime(o.on_date, '%Y-%m-%d'),
       false, NULL::INTEGER
FROM ev o
WHERE o.kind = 'reopen'
UNION ALL
SELECT p.key, p.on_date, NULL::VARCHAR,
       'Planned action in the commissioner''s published response: ' || rtrim(p.comment, '. ') || '.'
           || coalesce(' Target: ' || strftime(p.target, '%-d %b %Y') || '.', ''),
       'response #' || json_extract_string(p.after, '$.step') || ' published by ' || p.actor,
       (1000000000 + 2 * p.seq)::INTEGER, NULL::INTEGER, p.target, true, p.actor,
       'published by ' || p.actor || ' (' || p.role || ') on ' || strftime(p.on_date, '%Y-%m-%d'),
       true, NULL::INTEGER
FROM ev p
WHERE p.kind = 'response'
UNION ALL
SELECT t.key, t.on_date, NULL::VARCHAR,
       CASE t.decision
           WHEN 'off' THEN 'Marked off track: ' || rtrim(t.reason, '. ') || '. Revised forecast: '
                           || strftime(t.target, '%-d %b %Y') || '.'
           ELSE 'Marked back on track' || coalesce(': ' || rtrim(t.reason, '. '), '') || '.' END,
       'tracking #' || t.seq || ' by ' || t.actor,
       (1000000000 + 2 * t.seq)::INTEGER, NULL::INTEGER, NULL::DATE, true, t.actor,
       'marked by ' || t.actor || ' (' || t.role || ') on ' || strftime(t.on_date, '%Y-%m-%d'),
       false, NULL::INTEGER
FROM ev t
WHERE t.kind = 'track'
UNION ALL
SELECT g.key, g.on_date, NULL::VARCHAR,
       'Follow-up grade at the inspectorate''s revisit: ' || g.decision || '.' || coalesce(' ' || g.comment, ''),
       'grade #' || g.seq || ' by ' || g.actor,
       (1000000000 + 2 * g.seq)::INTEGER, NULL::INTEGER, NULL::DATE, true, g.actor,
       'graded by ' || g.actor || ' on ' || strftime(g.on_date, '%Y-%m-%d'),
       false, NULL::INTEGER
FROM ev g
WHERE g.kind = 'grade'
UNION ALL
SELECT p.key, p.on_date, NULL::VARCHAR,
       'Closing as risk accepted proposed: ' || rtrim(p.reason, '. ') || '. It closes once the chief officer or the '
           || 'commissioner signs it off and its board notes it.',
       'risk acceptance #' || p.seq || ' proposed by ' || p.actor,
       (1000000000 + 2 * p.seq)::INTEGER, NULL::INTEGER, NULL::DATE, true, p.actor,
       CASE r.state WHEN 'accepted' THEN 'signed off and noted: closed on ' || strftime(r.closed_on, '%Y-%m-%d')
                    WHEN 'withdrawn' THEN 'withdrawn by ' || r.withdrawn_by || ' on ' || strftime(r.withdrawn_on, '%Y-%m-%d')
                    ELSE 'awaiting ' || concat_ws(' and ', CASE WHEN r.signed_by IS NULL THEN 'sign-off' END,
                                                  CASE WHEN r.noted_on IS NULL THEN 'the board''s noting' END) END,
       false, NULL::INTEGER
FROM ev p
JOIN risk_acceptances($keys::VARCHAR[], 'infinity') r ON r.seq = p.seq
WHERE p.kind = 'risk_proposal'
UNION ALL
SELECT s.key, s.on_date, NULL::VARCHAR,
       'Risk acceptance #' || s.submission || ' signed off by ' || s.comment || ', ' || s.decision || '.',
       'risk sign-off #' || s.seq || ' recorded by ' || s.actor,
       (1000000000 + 2 * s.seq)::INTEGER, NULL::INTEGER, NULL::DATE, true, s.actor,
       'recorded by ' || s.actor || ' (' || s.role || ') on ' || strftime(s.made_at, '%Y-%m-%d'),
       false, NULL::INTEGER
FROM ev s
WHERE s.kind = 'risk_sign_off'
UNION ALL
SELECT n.key, n.on_date, NULL::VARCHAR,
       'Risk acceptance #' || n.submission || ' noted by the ' || coalesce(m.board, 'board') || ' at its meeting.'
           || coalesce(' ' || n.reason, ''),
       'risk noting #' || n.seq || ' by ' || n.actor || coalesce(' at the ' || m.board || ' meeting', ''),
       (1000000000 + 2 * n.seq)::INTEGER, NULL::INTEGER, NULL::DATE, true, n.actor,
       'noted by ' || n.actor || coalesce(' at the ' || m.board || ' meeting', '') || ' on '
           || strftime(n.on_date, '%Y-%m-%d'),
       false, NULL::INTEGER
FROM ev n
LEFT JOIN meetings m ON m.meeting_id = n.meeting
WHERE n.kind = 'risk_noting'
UNION ALL
SELECT w.key, w.on_date, NULL::VARCHAR,
       'Risk acceptance #' || w.submission || ' withdrawn: ' || rtrim(w.reason, '. ') || '.',
       'risk withdrawal #' || w.seq || ' by ' || w.actor,
       (1000000000 + 2 * w.seq)::INTEGER, NULL::INTEGER, NULL::DATE, true, w.actor,
       'withdrawn by ' || w.actor || ' (' || w.role || ') on ' || strftime(w.on_date, '%Y-%m-%d'),
       false, NULL::INTEGER
FROM ev w
WHERE w.kind = 'risk_withdrawal'
UNION ALL
SELECT r.key, r.closed_on, 'risk-accepted',
       'Closed as risk accepted: ' || rtrim(r.reason, '. ') || '. Signed off by ' || r.signed_by || ' (' || r.signed_as
           || ') on ' || strftime(r.signed_on, '%-d %b %Y') || '; noted by the ' || coalesce(r.board, 'board') || ' on '
           || strftime(r.noted_on, '%-d %b %Y') || '.',
       'risk acceptance #' || r.seq || ' signed off and noted',
       (1000000000 + 2 * r.last_seq + 1)::INTEGER, NULL::INTEGER, NULL::DATE, true, r.proposed_by,
       'signed off by ' || r.signed_by || ' (' || r.signed_as || ') on ' || strftime(r.signed_on, '%Y-%m-%d')
           || ', noted by ' || r.noted_by || ' on ' || strftime(r.noted_on, '%Y-%m-%d'),
       false, NULL::INTEGER
FROM risk_acceptances($keys::VARCHAR[], 'infinity') r
WHERE r.state = 'accepted'
UNION ALL
SELECT c.key, c.on_date, 'carried-forward',
       'Carried forward into ' || json_extract_string(c.after, '$.to') || ', which takes it over'
           || coalesce(': ' || rtrim(c.reason, '. '), '') || '.'
           || CASE WHEN c.role = 'liaison' THEN ' (Recorded from the newer report.)' ELSE '' END,
       'carrying forward #' || c.seq || ' by ' || c.actor,
       (1000000000 + 2 * c.seq + 1)::INTEGER, NULL::INTEGER, NULL::DATE, true, c.actor,
       'carried forward by ' || c.actor || ' (' || c.role || ') on ' || strftime(c.on_date, '%Y-%m-%d'),
       false, NULL::INTEGER
FROM ev c
WHERE c.kind = 'carry_forward'
