-- name: 01_tables :script
-- The copy's derived tables and views. The history tables themselves (updates, recommendation_versions, events…) are
-- made first, from PostgreSQL's own description of them (store/copy.py, history_shape): the numbered migrations are
-- the one schema of the history.

-- Each recommendation's latest version from an import that counts (derived/current.sql), in the versions' columns.
CREATE TABLE IF NOT EXISTS recommendations AS SELECT * FROM recommendation_versions LIMIT 0;

-- The national bodies every copy knows (core.forces.BODIES, filled in when the copy is made).
CREATE TABLE IF NOT EXISTS known_bodies (name VARCHAR PRIMARY KEY);

-- Every recipient that is a national body, not a force: kept apart from the forces in every force comparison.
CREATE OR REPLACE VIEW bodies AS
SELECT name FROM known_bodies UNION SELECT name FROM extra_forces WHERE body;

-- Derived from the history and rebuilt when it changes (schema/derived/), so queries never aggregate the whole
-- history: each recommendation with its report title and a small integer id, and its history as spans of days over
-- which its status, last update and update count stay the same.
CREATE TABLE IF NOT EXISTS rec_base (
    rid INTEGER PRIMARY KEY, key VARCHAR NOT NULL, id INTEGER NOT NULL, force VARCHAR NOT NULL,
    report VARCHAR NOT NULL, report_title VARCHAR NOT NULL, kind VARCHAR NOT NULL, theme VARCHAR NOT NULL,
    text VARCHAR NOT NULL, published_on DATE, owner VARCHAR, overseer VARCHAR, board VARCHAR,
    target_original DATE, target_current DATE,
    owner_id INTEGER, overseer_id INTEGER,  -- the people the owner and overseer names refer to (name_links), if known
    cause_key VARCHAR,                      -- the cause of concern it answers, as its import said (its key)
    peel_question VARCHAR,                  -- an area for improvement's PEEL question
    source VARCHAR NOT NULL,                -- where it comes from: a code of data/sources.csv (hmicfrs, pfd, iopc…)
    source_ref VARCHAR,                     -- the source's own reference for it ('2024-0301 concern 2')
    addressee VARCHAR,                      -- whom it is addressed to, as written
    answer_by DATE                          -- the last day to answer it, by its source's clock
);

CREATE TABLE IF NOT EXISTS status_spans (
    rid          INTEGER NOT NULL,   -- rec_base.rid
    valid_from   DATE NOT NULL,      -- a day with updates: the last update on or before any day of the span
    valid_to     DATE NOT NULL,      -- the next day with updates (exclusive), or 9999-12-31
    status       VARCHAR,            -- the latest status set on or before valid_from (null: none yet)
    completed_on DATE,               -- the latest day it was marked complete, on or before valid_from
    n_updates    INTEGER NOT NULL,   -- updates on or before valid_from
    target       DATE,               -- the target in force over the span (see schema/04_spans.sql)
    status_on    DATE,               -- the day the span's status was set (when it was superseded, say)
    percent      INTEGER,            -- the latest percent complete an update gave on or before valid_from (null: none)
    percent_on   DATE                -- the day it was given
);

CREATE TABLE IF NOT EXISTS comment_spans (
    rid        INTEGER NOT NULL,     -- rec_base.rid
    valid_from DATE NOT NULL,        -- a day with a comment
    valid_to   DATE NOT NULL,        -- the next day with a comment (exclusive), or 9999-12-31
    text       VARCHAR NOT NULL      -- that day's last comment: the latest comment on any day of the span
);

-- The target each recommendation's published statutory response gave it: defined over the workflow's events in
-- store/schema/08_workflow.sql, which runs after these files; declared here, empty, so that the macros reading it can be made.
CREATE OR REPLACE VIEW response_targets AS SELECT NULL::VARCHAR AS key, NULL::DATE AS target WHERE false;
