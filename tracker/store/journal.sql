-- name: journal :script
-- The workflow's tables in the copy: every submission, withdrawal and decision made in the app or at the command line,
-- one row an event, only ever appended (PostgreSQL holds them; the copy folds them into the history, copy.derive).
CREATE TABLE IF NOT EXISTS events (
    seq        BIGINT PRIMARY KEY,        -- 1, 2, …: the event's number (a submission's is how people refer to it)
    event_id   VARCHAR NOT NULL UNIQUE,   -- made by the writer before it waits for its turn
    kind       VARCHAR NOT NULL,          -- submission | withdrawal | decision | target (a board agrees a new one)
                                          -- | lapse (a waiting submission when its item closed) | closure_request | …
    made_at    TIMESTAMP NOT NULL,        -- when it was made
    on_date    DATE NOT NULL,             -- the day it is dated: a decision takes effect from it
    actor_id   INTEGER,                   -- the person (people.person_id) who made it
    actor      VARCHAR NOT NULL,          -- their email as they signed in
    role       VARCHAR NOT NULL,          -- the role they acted in: lead, reviewer, overseer, admin
    source     VARCHAR NOT NULL,          -- app | command line
    key        VARCHAR NOT NULL,          -- the recommendation
    submission BIGINT,                    -- a withdrawal's or decision's submission (its seq)
    comment    VARCHAR,                   -- a submission's progress comment
    status     VARCHAR,                   -- a submission's proposed status
    target     DATE,                      -- a submission's proposed target
    reason     VARCHAR,                   -- why the target moves; why a submission is returned
    evidence   VARCHAR[],                 -- links the lead gives
    decision   VARCHAR,                   -- accept | return | agree (a target a board agrees)
    before     VARCHAR,                   -- JSON: the item's status and target when the event was made
    after      VARCHAR                    -- JSON: what the event changes them to (an accepted decision)
);
-- The board meeting a decision or an agreed target was taken at (meetings.meeting_id); null outside a meeting. Added
-- by ALTER so that journals written before meetings existed get it, at the same place, on their next write.
ALTER TABLE events ADD COLUMN IF NOT EXISTS meeting BIGINT;
-- Whether the event's text may be published on the force's public site (migration V7): whoever writes it says so;
-- null is internal.
ALTER TABLE events ADD COLUMN IF NOT EXISTS public BOOLEAN;

-- Each board meeting: the board, whose board it is, the day it meets, and its chair (who recorded it, and who records
-- its decisions). One a board a day is the rule's check and PostgreSQL's index (meetings_one_a_board_a_day).
CREATE TABLE IF NOT EXISTS meetings (
    meeting_id BIGINT PRIMARY KEY,        -- 1, 2, …
    board      VARCHAR NOT NULL,          -- as the items name it (recommendations.board)
    held_on    DATE NOT NULL,
    chair_id   INTEGER NOT NULL,          -- people.person_id
    chair      VARCHAR NOT NULL,          -- their email as they signed in
    made_at    TIMESTAMP NOT NULL,
    source     VARCHAR NOT NULL,          -- app | command line
    event_id   VARCHAR NOT NULL UNIQUE,
    force      VARCHAR,                   -- the force whose board it is (null: national, or recorded before V3)
    national   BOOLEAN NOT NULL DEFAULT false  -- a national board's meeting, by intent
);

-- Every meeting with the force whose board it is (board_force; null for a national board). A meeting recorded before
-- boards had forces counts as its chair's force's, and a national chair's as national.
CREATE OR REPLACE MACRO meeting_boards() AS TABLE
SELECT m.*, CASE WHEN m.national THEN NULL ELSE coalesce(m.force, p.force) END AS board_force
FROM meetings m
LEFT JOIN current_people p ON p.person_id = m.chair_id;

-- Each person's reminder setting (weekly, daily, paused): a new row a change, the latest counts.
CREATE TABLE IF NOT EXISTS reminder_settings (
    person_id  INTEGER NOT NULL,
    cadence    VARCHAR NOT NULL,          -- weekly | daily | paused
    made_at    TIMESTAMP NOT NULL,
    actor      VARCHAR NOT NULL,
    source     VARCHAR NOT NULL,
    event_id   VARCHAR NOT NULL UNIQUE
);

-- Each digest sent: to whom, for which date, what it held. A digest for a date is never sent twice.
CREATE TABLE IF NOT EXISTS reminders_sent (
    person_id  INTEGER NOT NULL,
    email      VARCHAR NOT NULL,
    as_of      DATE NOT NULL,
    sent_at    TIMESTAMP NOT NULL,
    items      VARCHAR NOT NULL,          -- JSON: the keys it listed, by section
    source     VARCHAR NOT NULL,
    event_id   VARCHAR NOT NULL UNIQUE
);

-- Each evidence file's facts (its bytes stay in PostgreSQL: evidence_content, read on download within scope).
CREATE TABLE IF NOT EXISTS evidence (
    file_id     BIGINT PRIMARY KEY,       -- 1, 2, …
    key         VARCHAR NOT NULL,         -- the recommendation
    submission  BIGINT,                   -- the submission it came with (events.seq)
    name        VARCHAR NOT NULL,         -- as uploaded: shown as text, never used as a path
    media_type  VARCHAR NOT NULL,         -- from its content
    size        BIGINT NOT NULL,
    sha256      VARCHAR NOT NULL,
    uploaded_at TIMESTAMP NOT NULL,
    uploader_id INTEGER,
    uploader    VARCHAR NOT NULL,
    role        VARCHAR NOT NULL,
    source      VARCHAR NOT NULL,
    event_id    VARCHAR NOT NULL UNIQUE
);

-- Every submission (or only item only_key's, or only submission only_seq; NULL for all) and where it stands: seq,
-- key, made_at, on_date, actor_id, actor, role, source, comment, status (proposed), target (proposed), reason,
-- evidence, state ('waiting', 'accepted', 'returned', 'withdrawn', 'lapsed': still waiting when the inspectorate closed
-- the item), decided_at, decided_on, decided_by,
-- decided_by_id, decision_reason (why it was returned), decisions (how many decisions it has had: more than one
-- means a later one superseded an earlier), meeting (the board meeting the latest decision was taken at, or null).
-- A decision or withdrawal carries its submission's key, so the filters hold on every part: a write's check reads
-- one item's events, not the journal's.
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
       d.meeting
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

-- Every step of a force area's statutory response to a report (migration V4): drafts (each save kept), the chief
-- constable's comments, the commissioner's approval of a version, its publication. Only ever appended.
CREATE TABLE IF NOT EXISTS responses (
    step_id        BIGINT PRIMARY KEY,
    report         VARCHAR NOT NULL,
    force          VARCHAR NOT NULL,
    version        INTEGER NOT NULL,
    kind           VARCHAR NOT NULL,          -- draft | comments | approve | publish
    stage_before   VARCHAR NOT NULL,
    stage_after    VARCHAR NOT NULL,
    made_at        TIMESTAMP NOT NULL,
    actor_id       INTEGER,
    actor          VARCHAR NOT NULL,
    role           VARCHAR NOT NULL,
    source         VARCHAR NOT NULL,
    overall        VARCHAR,
    plan           VARCHAR,                   -- JSON [{"key", "action", "owner", "target"}]
    chief_comments VARCHAR,
    chief_file     BIGINT,
    published_on   DATE,
    address        VARCHAR,
    event_id       VARCHAR NOT NULL UNIQUE
);

-- Each publication of a force's public site (tracker/publish): what each published item showed, for the next diff.
CREATE TABLE IF NOT EXISTS publications (
    publication_id BIGINT PRIMARY KEY,
    force          VARCHAR NOT NULL,
    as_of          DATE NOT NULL,
    made_at        TIMESTAMP NOT NULL,
    actor_id       INTEGER,
    actor          VARCHAR NOT NULL,
    role           VARCHAR NOT NULL,
    source         VARCHAR NOT NULL,
    digest         VARCHAR NOT NULL,
    files          INTEGER NOT NULL,
    manifest       VARCHAR NOT NULL
);

-- Each priority an analyst or reviewer set on an item (1 high, 2, 3; the latest by a date stands from its day).
CREATE OR REPLACE VIEW priority_events AS
SELECT key, seq, on_date, decision::INTEGER AS priority, reason FROM events WHERE kind = 'priority';

-- The target a recommendation's published response gave it (its first 'response' event's): its original target.
CREATE OR REPLACE VIEW response_targets AS
SELECT key, arg_min(target, seq) AS target FROM events WHERE kind = 'response' AND target IS NOT NULL GROUP BY key;

-- Each force area's response to each report the filters p select (a report with recommendations in the force, within
-- the reader's scope), as it stood on p['as_of'] (steps made by then): report, report_title, force, published_on (the
-- report's), deadline (published_on + p_days), days_left (to the deadline; negative once overdue), stage, version,
-- first_published (the day the office first published it), address (the latest publication's), recommendations,
-- on_time (first published by the deadline; null until published), days_to_publish.
CREATE OR REPLACE MACRO response_standing(p, p_days) AS TABLE
WITH items AS (
    SELECT report, any_value(report_title) AS report_title, force, count(*) AS recommendations
    FROM filtered(p)
    GROUP BY report, force
),
steps AS (
    SELECT report, force, arg_max(stage_after, step_id) AS stage, max(version) AS version,
           min(published_on) FILTER (WHERE kind = 'publish') AS first_published,
           arg_max(address, step_id) FILTER (WHERE kind = 'publish') AS address
    FROM responses
    WHERE made_at::DATE <= p['as_of']::DATE
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
