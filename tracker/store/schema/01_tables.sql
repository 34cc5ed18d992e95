-- name: 01_tables :script
-- The recommendation store. History lives in `updates`, which is only ever appended to.

CREATE TABLE IF NOT EXISTS meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR
);

CREATE TABLE IF NOT EXISTS imports (
    id                    INTEGER PRIMARY KEY,
    imported_at           TIMESTAMP NOT NULL,
    kind                  VARCHAR NOT NULL,   -- records | csv | xlsx | demo
    sources               VARCHAR NOT NULL,   -- the files, as given
    recommendations_added INTEGER NOT NULL,
    updates_added         INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS reports (
    id           VARCHAR PRIMARY KEY,          -- slug of the title
    title        VARCHAR NOT NULL,
    published_on DATE,
    inspectorate VARCHAR
);

CREATE TABLE IF NOT EXISTS recommendations (
    key                VARCHAR PRIMARY KEY,    -- '<id>-<force slug>': the id recurs in every force
    id                 INTEGER NOT NULL,
    force              VARCHAR NOT NULL,
    report             VARCHAR NOT NULL,       -- reports.id
    kind               VARCHAR NOT NULL,       -- recommendation | area for improvement | cause of concern
    theme              VARCHAR NOT NULL,
    theme_from         VARCHAR NOT NULL,       -- import | rules
    text               VARCHAR NOT NULL,
    published_on       DATE,                   -- null: not known yet (a record with no dated entry, of an unknown report)
    owner              VARCHAR,
    owner_extracted    BOOLEAN NOT NULL DEFAULT false,
    overseer           VARCHAR,
    overseer_extracted BOOLEAN NOT NULL DEFAULT false,
    board              VARCHAR,
    board_extracted    BOOLEAN NOT NULL DEFAULT false,
    target_original    DATE,
    target_current     DATE,
    target_text        VARCHAR,
    target_extracted   BOOLEAN NOT NULL DEFAULT false,
    import_id          INTEGER NOT NULL
);

-- Recipients beyond the 43 territorial forces, each added on purpose by an import: a force (`--new-force`), or a
-- national body (`--new-body`, body true) that holds its copy of national recommendations (migration V8).
CREATE TABLE IF NOT EXISTS extra_forces (
    name      VARCHAR PRIMARY KEY,
    added_at  TIMESTAMP NOT NULL,
    import_id INTEGER NOT NULL,
    body      BOOLEAN NOT NULL DEFAULT false
);

-- The national bodies every copy knows (core.forces.BODIES, filled in when the copy is made).
CREATE TABLE IF NOT EXISTS known_bodies (name VARCHAR PRIMARY KEY);

-- Every recipient that is a national body, not a force: kept apart from the forces in every force comparison.
CREATE OR REPLACE VIEW bodies AS
SELECT name FROM known_bodies UNION SELECT name FROM extra_forces WHERE body;

CREATE TABLE IF NOT EXISTS updates (
    key       VARCHAR NOT NULL,                -- recommendations.key
    on_date   DATE NOT NULL,
    status    VARCHAR,                         -- canonical slug, or null for a comment
    text      VARCHAR,
    source    VARCHAR NOT NULL,                -- file the update came from
    position  INTEGER NOT NULL,                -- its place in that file
    import_id INTEGER NOT NULL,
    stated_target DATE,                        -- the target date the comment states, read when it was imported
    decided BOOLEAN NOT NULL DEFAULT false     -- always false here; true on rows the workflow journal adds (overlay)
);

-- Derived from the tables above and rebuilt by every write (tracker/schema/derived/), so queries never
-- aggregate the whole history: each recommendation with its report title and a small integer id, and
-- its history as spans of days over which its status, last update and update count stay the same.
CREATE TABLE IF NOT EXISTS rec_base (
    rid INTEGER PRIMARY KEY, key VARCHAR NOT NULL, id INTEGER NOT NULL, force VARCHAR NOT NULL,
    report VARCHAR NOT NULL, report_title VARCHAR NOT NULL, kind VARCHAR NOT NULL, theme VARCHAR NOT NULL,
    text VARCHAR NOT NULL, published_on DATE, owner VARCHAR, overseer VARCHAR, board VARCHAR,
    target_original DATE, target_current DATE,
    owner_id INTEGER, overseer_id INTEGER,  -- the people the owner and overseer names refer to (name_links), if known
    cause_key VARCHAR,                      -- the cause of concern it answers, as its import said (its key)
    peel_question VARCHAR                   -- an area for improvement's PEEL question
);

CREATE TABLE IF NOT EXISTS status_spans (
    rid          INTEGER NOT NULL,   -- rec_base.rid
    valid_from   DATE NOT NULL,      -- a day with updates: the last update on or before any day of the span
    valid_to     DATE NOT NULL,      -- the next day with updates (exclusive), or 9999-12-31
    status       VARCHAR,            -- the latest status set on or before valid_from (null: none yet)
    completed_on DATE,               -- the latest day it was marked complete, on or before valid_from
    n_updates    INTEGER NOT NULL,   -- updates on or before valid_from
    target       DATE,               -- the target in force over the span (see schema/04_spans.sql)
    status_on    DATE                -- the day the span's status was set (when it was superseded, say)
);
ALTER TABLE status_spans ADD COLUMN IF NOT EXISTS target DATE;  -- databases written before schema version 4
ALTER TABLE status_spans ADD COLUMN IF NOT EXISTS status_on DATE;  -- before schema version 7

CREATE TABLE IF NOT EXISTS comment_spans (
    rid        INTEGER NOT NULL,     -- rec_base.rid
    valid_from DATE NOT NULL,        -- a day with a comment
    valid_to   DATE NOT NULL,        -- the next day with a comment (exclusive), or 9999-12-31
    text       VARCHAR NOT NULL      -- that day's last comment: the latest comment on any day of the span
);

-- Databases written before schema version 5 required a publication date and had no stated targets (filled in by
-- tracker.ingest.upgrade the first time this version opens them).
ALTER TABLE updates ADD COLUMN IF NOT EXISTS stated_target DATE;
ALTER TABLE updates ADD COLUMN IF NOT EXISTS decided BOOLEAN DEFAULT false;
ALTER TABLE recommendations ALTER COLUMN published_on DROP NOT NULL;
ALTER TABLE rec_base ALTER COLUMN published_on DROP NOT NULL;
ALTER TABLE rec_base ADD COLUMN IF NOT EXISTS owner_id INTEGER;
ALTER TABLE rec_base ADD COLUMN IF NOT EXISTS overseer_id INTEGER;

-- The target each recommendation's published statutory response gave it: defined over the journal's events in
-- store/journal.sql, which runs after these files; declared here, empty, so that the macros reading it can be made.
CREATE OR REPLACE VIEW response_targets AS SELECT NULL::VARCHAR AS key, NULL::DATE AS target WHERE false;
