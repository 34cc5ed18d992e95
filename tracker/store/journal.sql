-- The workflow journal: every submission, withdrawal and decision made in the app or at the command line, one row an
-- event, only ever appended. It lives in a small file beside the analytic one (tracker.journal.duckdb), so a write
-- copies kilobytes rather than the whole history; readers fold it into the history (store/sql/overlay.sql).
CREATE TABLE IF NOT EXISTS events (
    seq        BIGINT PRIMARY KEY,        -- 1, 2, …: the event's number (a submission's is how people refer to it)
    event_id   VARCHAR NOT NULL UNIQUE,   -- made by the writer before it waits for its turn
    kind       VARCHAR NOT NULL,          -- submission | withdrawal | decision | target (a board agrees a new one)
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

-- Each board meeting: the board, the day it meets, and its chair (who recorded it, and who records its decisions).
CREATE TABLE IF NOT EXISTS meetings (
    meeting_id BIGINT PRIMARY KEY,        -- 1, 2, …
    board      VARCHAR NOT NULL,          -- as the items name it (recommendations.board)
    held_on    DATE NOT NULL,
    chair_id   INTEGER NOT NULL,          -- people.person_id
    chair      VARCHAR NOT NULL,          -- their email as they signed in
    made_at    TIMESTAMP NOT NULL,
    source     VARCHAR NOT NULL,          -- app | command line
    event_id   VARCHAR NOT NULL UNIQUE,
    UNIQUE (board, held_on)
);

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
