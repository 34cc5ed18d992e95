-- name: 08_workflow :script
-- The workflow's macros and views over its history tables (events, meetings, reminders, evidence, responses,
-- publications: PostgreSQL holds them, the copy folds them into the history, copy.derive).

-- Every meeting with the force whose board it is (board_force; null for a national board). A meeting recorded before
-- boards had forces counts as its chair's force's, and a national chair's as national.
CREATE OR REPLACE MACRO meeting_boards() AS TABLE
SELECT m.*, CASE WHEN m.national THEN NULL ELSE coalesce(m.force, p.force) END AS board_force
FROM meetings m
LEFT JOIN current_people p ON p.person_id = m.chair_id;

-- Every submission (or only item only_key's, or only submission only_seq; NULL for all) and where it stands: seq,
-- key, made_at, on_date, actor_id, actor, role, source, comment, status (proposed), target (proposed), reason,
-- evidence, state ('waiting', 'accepted', 'returned', 'withdrawn', 'lapsed': still waiting when the inspectorate closed
-- the item), decided_at, decided_on, decided_by,
-- decided_by_id, decision_reason (why it was returned), decisions (how many decisions it has had: more than one
-- means a later one superseded an earlier), meeting (the board meeting the latest decision was taken at, or null),
-- percent (the percent complete it reports, kept on its event; null: none).
-- A decision or withdrawal carries its submission's key, so the filters hold on every part: a write's check reads
-- one item's events, not every event.
CREATE OR REPLACE MACRO submission_rows(only_key, only_seq) AS TABLE
WITH mine AS (
    SELECT * FROM events
    WHERE (only_key IS NULL OR key = only_key)
      AND (only_seq IS NULL OR seq = only_seq OR submission = only_seq)
),
withdrawn AS (
    SELECT submission, min(made_at) AS withdrawn_at FROM mine WHERE kind = 'withdrawal' GROUP BY submission
),
lapsed AS (
    SELECT DISTINCT submission FROM mine WHERE kind = 'lapse'
),
decided AS (
    SELECT submission, arg_max(decision, seq) AS decision, arg_max(made_at, seq) AS decided_at,
           arg_max(on_date, seq) AS decided_on, arg_max(actor, seq) AS decided_by,
           arg_max(actor_id, seq) AS decided_by_id, arg_max(reason, seq) AS decision_reason, count(*) AS decisions,
           arg_max(meeting, seq) AS meeting
    FROM mine WHERE kind = 'decision' GROUP BY submission
)
SELECT s.seq, s.key, s.made_at, s.on_date, s.actor_id, s.actor, s.role, s.source, s.comment, s.status, s.target,
       s.reason, s.evidence,
       CASE WHEN w.submission IS NOT NULL THEN 'withdrawn'
            WHEN d.decision = 'accept' THEN 'accepted'
            WHEN d.decision = 'return' THEN 'returned'
            WHEN l.submission IS NOT NULL THEN 'lapsed'
            ELSE 'waiting' END AS state,
       d.decided_at, d.decided_on, d.decided_by, d.decided_by_id, d.decision_reason, coalesce(d.decisions, 0) AS decisions,
       d.meeting, json_extract_string(s.after, '$.proposed_percent')::INTEGER AS percent
FROM mine s
LEFT JOIN withdrawn w ON w.submission = s.seq
LEFT JOIN decided d ON d.submission = s.seq
LEFT JOIN lapsed l ON l.submission = s.seq
WHERE s.kind = 'submission';

-- The status a force's acceptance of a submission gives an item: a proposed 'complete' is the force saying it is
-- done, which the inspectorate has still to decide on, so the item is 'pending-sign-off' (still open) until then.
CREATE OR REPLACE MACRO accepted_status(status) AS CASE WHEN status = 'complete' THEN 'pending-sign-off' ELSE status END;

-- What the inspectorate's decision on a closure request makes the item: complete, or back to being progressed.
CREATE OR REPLACE MACRO closure_status(decision) AS CASE decision WHEN 'accept' THEN 'complete' ELSE 'being-progressed' END;

-- Every closure request (or only item only_key's, or only request only_seq; NULL for all) and where it stands: seq,
-- key, made_at, requested_on, requested_by, requested_by_id, role, comment (the covering note), files (the evidence
-- file numbers sent, as text), state ('waiting', 'accepted', 'returned'), decided_on, decided_at, decided_by,
-- decided_as ('inspectorate', or 'liaison': recorded from the inspectorate's letter), decision_reason, letter (the
-- letter's evidence file number, for a recorded decision), decision_seq.
CREATE OR REPLACE MACRO closure_rows(only_key, only_seq) AS TABLE
WITH mine AS (
    SELECT * FROM events
    WHERE kind IN ('closure_request', 'closure_decision')
      AND (only_key IS NULL OR key = only_key)
      AND (only_seq IS NULL OR seq = only_seq OR submission = only_seq)
),
decided AS (
    SELECT submission, arg_max(decision, seq) AS decision, arg_max(on_date, seq) AS decided_on,
           arg_max(made_at, seq) AS decided_at, arg_max(actor, seq) AS decided_by, arg_max(role, seq) AS decided_as,
           arg_max(reason, seq) AS decision_reason, arg_max(evidence, seq) AS letter, max(seq) AS decision_seq
    FROM mine WHERE kind = 'closure_decision' GROUP BY submission
)
SELECT r.seq, r.key, r.made_at, r.on_date AS requested_on, r.actor AS requested_by, r.actor_id AS requested_by_id,
       r.role, r.comment, r.evidence AS files,
       CASE d.decision WHEN 'accept' THEN 'accepted' WHEN 'return' THEN 'returned' ELSE 'waiting' END AS state,
       d.decided_on, d.decided_at, d.decided_by, d.decided_as, d.decision_reason, d.letter, d.decision_seq
FROM mine r
LEFT JOIN decided d ON d.submission = r.seq
WHERE r.kind = 'closure_request';

-- Each priority an analyst or reviewer set on an item (1 high, 2, 3; the latest by a date stands from its day).
CREATE OR REPLACE VIEW priority_events AS
SELECT key, seq, on_date, decision::INTEGER AS priority, reason FROM events WHERE kind = 'priority';

-- The target a recommendation's published response gave it (its first 'response' event's): its original target.
CREATE OR REPLACE VIEW response_targets AS
SELECT key, arg_min(target, seq) AS target FROM events WHERE kind = 'response' AND target IS NOT NULL GROUP BY key;

-- Each force area's response to each report the filters p select (a report with recommendations in the force, within
-- the reader's scope), as it stood on p['as_of'] (steps dated by then): report, report_title, force, published_on (the
-- report's), deadline (published_on + p_days), days_left (to the deadline; negative once overdue), stage, version,
-- first_published (the day the office first published it), address (the latest publication's), recommendations,
-- on_time (first published by the deadline; null until published), days_to_publish. The commissioner's statutory
-- response answers an inspection (source hmicfrs): a coroner's report or an IOPC recommendation is answered on its
-- own clock (answer_by), not by this response.
CREATE OR REPLACE MACRO response_standing(p, p_days) AS TABLE
WITH items AS (
    SELECT report, any_value(report_title) AS report_title, force, count(*) AS recommendations
    FROM filtered(p)
    WHERE source = 'hmicfrs'
    GROUP BY report, force
),
steps AS (
    SELECT report, force, arg_max(stage_after, step_id) AS stage, max(version) AS version,
           min(published_on) FILTER (WHERE kind = 'publish') AS first_published,
           arg_max(address, step_id) FILTER (WHERE kind = 'publish') AS address
    FROM responses
    WHERE on_date <= p['as_of']::DATE
    GROUP BY report, force
)
SELECT i.report, i.report_title, i.force, r.published_on, r.published_on + p_days::INTEGER AS deadline,
       (r.published_on + p_days::INTEGER) - p['as_of']::DATE AS days_left,
       coalesce(s.stage, 'not-started') AS stage, coalesce(s.version, 1) AS version, s.first_published, s.address,
       i.recommendations,
       CASE WHEN s.first_published IS NOT NULL THEN s.first_published <= r.published_on + p_days::INTEGER END AS on_time,
       s.first_published - r.published_on AS days_to_publish
FROM items i
JOIN reports r ON r.id = i.report
LEFT JOIN steps s ON s.report = i.report AND s.force = i.force;

-- How the responses of response_standing(p, p_days) stand, per force area (force) and over all of them (force null,
-- is_total): responses, due (deadline passed, or published), on_time (of those, first published by the deadline),
-- share_on_time (null with none due), median_days (to publish), overdue (past the deadline, unpublished), due_28
-- (unpublished, deadline within the next 28 days).
CREATE OR REPLACE MACRO response_summary(p, p_days) AS TABLE
SELECT force, grouping(force) = 1 AS is_total,
       count(*) AS responses,
       count(*) FILTER (WHERE days_left < 0 OR first_published IS NOT NULL) AS due,
       count(*) FILTER (WHERE on_time) AS on_time,
       count(*) FILTER (WHERE on_time) / nullif(count(*) FILTER (WHERE days_left < 0 OR first_published IS NOT NULL), 0)
           AS share_on_time,
       median(days_to_publish) AS median_days,
       count(*) FILTER (WHERE first_published IS NULL AND days_left < 0) AS overdue,
       count(*) FILTER (WHERE first_published IS NULL AND days_left BETWEEN 0 AND 28) AS due_28
FROM response_standing(p, p_days)
GROUP BY GROUPING SETS ((force), ());

-- Each recommendation a reviewer has withheld from the public site or released, by its latest say whenever it was
-- made: a withholding holds for every site built after it, whatever date the site is as of. Columns: key, withheld,
-- reason, actor, on_date (of that say).
CREATE OR REPLACE VIEW withholdings AS
SELECT key, arg_max(decision, seq) = 'withhold' AS withheld, arg_max(reason, seq) AS reason,
       arg_max(actor, seq) AS actor, arg_max(on_date, seq) AS on_date
FROM events
WHERE kind = 'withhold'
GROUP BY key;

-- Each recommendation a lead or reviewer has marked off track or back on track by day d, by their latest say by then
-- (the latest day's, the last made that day): key, off_track (true while marked off track), forecast (the revised
-- forecast date given with it), reason, since (the day of that say), by (who said it).
CREATE OR REPLACE MACRO tracking_on(d) AS TABLE
SELECT key, arg_max(decision, (on_date, seq)) = 'off' AS off_track, arg_max(target, (on_date, seq)) AS forecast,
       arg_max(reason, (on_date, seq)) AS reason, max(on_date) AS since, arg_max(actor, (on_date, seq)) AS by
FROM events
WHERE kind = 'track' AND on_date <= d::DATE
GROUP BY key;

-- Each recommendation's follow-up grade from the inspectorate's latest revisit by day d (the latest day's, the last
-- made that day): key, grade (achieved | partially achieved | not achieved), graded_on, by, note.
CREATE OR REPLACE MACRO grades_on(d) AS TABLE
SELECT key, arg_max(decision, (on_date, seq)) AS grade, max(on_date) AS graded_on, arg_max(actor, (on_date, seq)) AS by,
       arg_max(comment, (on_date, seq)) AS note
FROM events
WHERE kind = 'grade' AND on_date <= d::DATE
GROUP BY key;

-- Each proposal to close a recommendation as risk accepted (the force accepts the risk instead of acting: IIA 2500 and
-- 2600), of the items `keys` (null: every item), as it stands by day d (its steps dated by then): seq, key,
-- proposed_on, proposed_by, role, reason, signed_by (the name of the chief officer or commissioner who signed it off),
-- signed_as ('chief officer' | 'commissioner'), signed_on (the day they signed), noted_on (the day the board noted it:
-- its meeting's), noted_by (the meeting's chair), meeting, board, withdrawn_on, withdrawn_by, why_withdrawn, state
-- ('withdrawn'; 'accepted': signed off and noted, all three there, so the item closed as risk accepted on closed_on,
-- the last of their days; 'waiting'), closed_on, last_seq (the step that completed it). The one place that says when
-- a risk acceptance closes an item: the history's closing row (store/sql/copy/add_workflow_rows.sql) and the rules
-- (queries/workflow_item.sql) read it.
CREATE OR REPLACE MACRO risk_acceptances(keys, d) AS TABLE
WITH mine AS (
    SELECT * FROM events
    WHERE kind IN ('risk_proposal', 'risk_sign_off', 'risk_noting', 'risk_withdrawal') AND on_date <= d::DATE
      AND (keys IS NULL OR list_contains(keys::VARCHAR[], key))
),
signed AS (
    SELECT submission, arg_min(comment, seq) AS signed_by, arg_min(decision, seq) AS signed_as,
           arg_min(on_date, seq) AS signed_on, min(seq) AS sign_seq
    FROM mine WHERE kind = 'risk_sign_off' GROUP BY submission
),
noted AS (
    SELECT submission, arg_min(on_date, seq) AS noted_on, arg_min(actor, seq) AS noted_by,
           arg_min(meeting, seq) AS meeting, min(seq) AS note_seq
    FROM mine WHERE kind = 'risk_noting' GROUP BY submission
),
withdrawn AS (
    SELECT submission, arg_min(on_date, seq) AS withdrawn_on, arg_min(actor, seq) AS withdrawn_by,
           arg_min(reason, seq) AS why_withdrawn
    FROM mine WHERE kind = 'risk_withdrawal' GROUP BY submission
)
SELECT p.seq, p.key, p.on_date AS proposed_on, p.actor AS proposed_by, p.role, p.reason, s.signed_by, s.signed_as,
       s.signed_on, n.noted_on, n.noted_by, n.meeting, m.board, w.withdrawn_on, w.withdrawn_by, w.why_withdrawn,
       CASE WHEN w.submission IS NOT NULL THEN 'withdrawn'
            WHEN s.submission IS NOT NULL AND n.submission IS NOT NULL THEN 'accepted'
            ELSE 'waiting' END AS state,
       CASE WHEN w.submission IS NULL AND s.submission IS NOT NULL AND n.submission IS NOT NULL
            THEN greatest(p.on_date, s.signed_on, n.noted_on) END AS closed_on,
       CASE WHEN w.submission IS NULL AND s.submission IS NOT NULL AND n.submission IS NOT NULL
            THEN greatest(s.sign_seq, n.note_seq) END AS last_seq
FROM mine p
LEFT JOIN signed s ON s.submission = p.seq
LEFT JOIN noted n ON n.submission = p.seq
LEFT JOIN withdrawn w ON w.submission = p.seq
LEFT JOIN meetings m ON m.meeting_id = n.meeting
WHERE p.kind = 'risk_proposal';

-- Each recommendation closed as carried forward into a newer one that takes it over, by day d, and not reopened
-- since (its latest carrying forward or reopening by then is the carrying forward): key, other (the newer item), seq,
-- on_date, made_at, actor, role ('inspectorate', or 'liaison': recorded from the newer report), reason.
CREATE OR REPLACE MACRO carried_forward_on(d) AS TABLE
WITH latest AS (
    SELECT key, arg_max(seq, (on_date, seq)) AS seq
    FROM events
    WHERE kind IN ('carry_forward', 'reopen') AND on_date <= d::DATE
    GROUP BY key
)
SELECT e.key, json_extract_string(e.after, '$.to') AS other, e.seq, e.on_date, e.made_at, e.actor, e.role, e.reason
FROM latest l
JOIN events e ON e.seq = l.seq
WHERE e.kind = 'carry_forward';

-- Each action under a recommendation as it stood on day d, from the events dated by then: a reviewer or the item's lead
-- adds one (kind 'action', decision 'add') or changes it ('change': every field as it now stands), and its owner or a
-- reviewer reports progress on it ('action-update': a note and a status). Columns: key, action (its number within
-- the item), title, owner_id, target, added_on, added_by, status ('open' until its latest update says 'complete'),
-- updated_on, updated_by, latest_update (the latest update's note), updates (how many). An action is no
-- recommendation: nothing that counts recommendations reads this.
CREATE OR REPLACE MACRO actions_on(d) AS TABLE
WITH mine AS (
    SELECT *, json_extract_string(after, '$.action')::INTEGER AS action
    FROM events
    WHERE kind IN ('action', 'action-update') AND on_date <= d::DATE
),
defined AS (
    SELECT key, action, arg_max(comment, (on_date, seq)) AS title,
           arg_max(json_extract_string(after, '$.owner_id')::INTEGER, (on_date, seq)) AS owner_id,
           arg_max(target, (on_date, seq)) AS target, min(on_date) AS added_on, arg_min(actor, seq) AS added_by
    FROM mine WHERE kind = 'action'
    GROUP BY key, action
),
updated AS (
    SELECT key, action, arg_max(status, (on_date, seq)) AS status, max(on_date) AS updated_on,
           arg_max(actor, (on_date, seq)) AS updated_by, arg_max(comment, (on_date, seq)) AS latest_update,
           count(*) AS updates
    FROM mine WHERE kind = 'action-update'
    GROUP BY key, action
)
SELECT a.key, a.action, a.title, a.owner_id, a.target, a.added_on, a.added_by, coalesce(u.status, 'open') AS status,
       u.updated_on, u.updated_by, u.latest_update, coalesce(u.updates, 0) AS updates
FROM defined a
LEFT JOIN updated u USING (key, action);

-- Each recommendation with actions still open on day d: key, open_actions (their numbers, in order).
CREATE OR REPLACE MACRO open_actions_on(d) AS TABLE
SELECT key, list(action ORDER BY action) AS open_actions FROM actions_on(d) WHERE status = 'open' GROUP BY key;
