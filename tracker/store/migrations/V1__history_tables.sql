-- The system of record: every table a write appends to, and nothing else. Each row carries `change_no`, the number
-- of the write that added it (taken from data_version, whose row lock makes writes commit in that order), so a
-- replica that holds every row up to change N pulls only the rows after N. Nothing here is updated or deleted: the
-- app's role may only SELECT and INSERT (grants/app_role.sql). Current state is derived on each replica, in DuckDB.

CREATE TABLE data_version (
    only_row   BOOLEAN PRIMARY KEY DEFAULT true CHECK (only_row),
    change_no  BIGINT NOT NULL,          -- the latest write's number; every write takes the next one
    epoch      UUID NOT NULL DEFAULT gen_random_uuid()  -- new when the history is emptied (a new demo)
);
INSERT INTO data_version VALUES (true, 0);

-- Facts about the data (demo flag, demo date, last import time): the latest row of a key is its value.
CREATE TABLE meta (
    key        TEXT NOT NULL,
    value      TEXT,
    change_no  BIGINT NOT NULL
);

CREATE TABLE imports (
    id                      INTEGER NOT NULL UNIQUE,
    imported_at             TIMESTAMP NOT NULL,
    kind                    TEXT NOT NULL,      -- records | csv | xlsx | demo
    sources                 TEXT NOT NULL,      -- the files, as given
    recommendations_added   INTEGER NOT NULL,
    updates_added           INTEGER NOT NULL,
    actor                   TEXT,
    role                    TEXT,
    via                     TEXT,               -- app | command line | demo
    mapping                 TEXT,               -- the column mapping used, as JSON
    recommendations_changed INTEGER,
    forces                  TEXT[],             -- the forces of the rows it wrote
    change_no               BIGINT NOT NULL
);

-- Reports: the latest row of an id is the report (a later import may give an earlier publication date).
CREATE TABLE reports (
    id           TEXT NOT NULL,                 -- slug of the title
    title        TEXT NOT NULL,
    published_on DATE,
    inspectorate TEXT,
    change_no    BIGINT NOT NULL
);

-- Every version of every recommendation an import wrote; each key's latest from an import that counts is current.
CREATE TABLE recommendation_versions (
    key                TEXT NOT NULL,           -- '<id>-<force slug>': the id recurs in every force
    id                 INTEGER NOT NULL,
    force              TEXT NOT NULL,
    report             TEXT NOT NULL,
    kind               TEXT NOT NULL,
    theme              TEXT NOT NULL,
    theme_from         TEXT NOT NULL,
    text               TEXT NOT NULL,
    published_on       DATE,
    owner              TEXT,
    owner_extracted    BOOLEAN NOT NULL,
    overseer           TEXT,
    overseer_extracted BOOLEAN NOT NULL,
    board              TEXT,
    board_extracted    BOOLEAN NOT NULL,
    target_original    DATE,
    target_current     DATE,
    target_text        TEXT,
    target_extracted   BOOLEAN NOT NULL,
    import_id          INTEGER NOT NULL,
    force_rag          TEXT,
    change_no          BIGINT NOT NULL,
    UNIQUE (key, import_id)
);

CREATE TABLE extra_forces (
    name      TEXT NOT NULL UNIQUE,
    added_at  TIMESTAMP NOT NULL,
    import_id INTEGER NOT NULL,
    change_no BIGINT NOT NULL
);

CREATE TABLE updates (
    key           TEXT NOT NULL,
    on_date       DATE NOT NULL,
    status        TEXT,
    text          TEXT,
    source        TEXT NOT NULL,
    position      INTEGER NOT NULL,
    import_id     INTEGER NOT NULL,
    stated_target DATE,
    decided       BOOLEAN NOT NULL DEFAULT false,
    change_no     BIGINT NOT NULL
);

CREATE TABLE people (
    person_id  INTEGER NOT NULL,
    version    INTEGER NOT NULL,
    email      TEXT NOT NULL,
    name       TEXT NOT NULL,
    force      TEXT,
    roles      TEXT[] NOT NULL,
    active     BOOLEAN NOT NULL,
    valid_from TIMESTAMP NOT NULL,
    changed_by TEXT NOT NULL,
    change_no  BIGINT NOT NULL,
    PRIMARY KEY (person_id, version)
);

CREATE TABLE name_aliases (
    force     TEXT NOT NULL,
    name      TEXT NOT NULL,
    person_id INTEGER NOT NULL,
    added_at  TIMESTAMP NOT NULL,
    added_by  TEXT NOT NULL,
    change_no BIGINT NOT NULL
);

CREATE TABLE audit (
    made_at   TIMESTAMP NOT NULL,
    actor     TEXT NOT NULL,
    role      TEXT NOT NULL,
    source    TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    before    TEXT,
    after     TEXT,
    change_no BIGINT NOT NULL
);

CREATE TABLE import_actions (
    seq       INTEGER NOT NULL UNIQUE,
    import_id INTEGER NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('retract', 'restore')),
    made_at   TIMESTAMP NOT NULL,
    actor     TEXT NOT NULL,
    role      TEXT NOT NULL,
    via       TEXT NOT NULL,
    reason    TEXT,
    change_no BIGINT NOT NULL
);

CREATE TABLE saved_mappings (
    name      TEXT NOT NULL,
    force     TEXT,
    mapping   TEXT NOT NULL,
    saved_at  TIMESTAMP NOT NULL,
    saved_by  TEXT NOT NULL,
    change_no BIGINT NOT NULL
);

CREATE TABLE events (
    seq        BIGINT NOT NULL UNIQUE,
    event_id   TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL,
    made_at    TIMESTAMP NOT NULL,
    on_date    DATE NOT NULL,
    actor_id   INTEGER,
    actor      TEXT NOT NULL,
    role       TEXT NOT NULL,
    source     TEXT NOT NULL,
    key        TEXT NOT NULL,
    submission BIGINT,
    comment    TEXT,
    status     TEXT,
    target     DATE,
    reason     TEXT,
    evidence   TEXT[],
    decision   TEXT,
    before     TEXT,
    after      TEXT,
    meeting    BIGINT,
    change_no  BIGINT NOT NULL
);

CREATE TABLE meetings (
    meeting_id BIGINT NOT NULL UNIQUE,
    board      TEXT NOT NULL,
    held_on    DATE NOT NULL,
    chair_id   INTEGER NOT NULL,
    chair      TEXT NOT NULL,
    made_at    TIMESTAMP NOT NULL,
    source     TEXT NOT NULL,
    event_id   TEXT NOT NULL UNIQUE,
    change_no  BIGINT NOT NULL,
    UNIQUE (board, held_on)
);

CREATE TABLE reminder_settings (
    person_id INTEGER NOT NULL,
    cadence   TEXT NOT NULL,
    made_at   TIMESTAMP NOT NULL,
    actor     TEXT NOT NULL,
    source    TEXT NOT NULL,
    event_id  TEXT NOT NULL UNIQUE,
    change_no BIGINT NOT NULL
);

CREATE TABLE reminders_sent (
    person_id INTEGER NOT NULL,
    email     TEXT NOT NULL,
    as_of     DATE NOT NULL,
    sent_at   TIMESTAMP NOT NULL,
    items     TEXT NOT NULL,
    source    TEXT NOT NULL,
    event_id  TEXT NOT NULL UNIQUE,
    change_no BIGINT NOT NULL
);

CREATE INDEX ON meta (change_no);
CREATE INDEX ON imports (change_no);
CREATE INDEX ON reports (change_no);
CREATE INDEX ON recommendation_versions (change_no);
CREATE INDEX ON extra_forces (change_no);
CREATE INDEX ON updates (change_no);
CREATE INDEX ON people (change_no);
CREATE INDEX ON name_aliases (change_no);
CREATE INDEX ON audit (change_no);
CREATE INDEX ON import_actions (change_no);
CREATE INDEX ON saved_mappings (change_no);
CREATE INDEX ON events (change_no);
CREATE INDEX ON meetings (change_no);
CREATE INDEX ON reminder_settings (change_no);
CREATE INDEX ON reminders_sent (change_no);
