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
    published_on       DATE NOT NULL,
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

CREATE TABLE IF NOT EXISTS updates (
    key       VARCHAR NOT NULL,                -- recommendations.key
    on_date   DATE NOT NULL,
    status    VARCHAR,                         -- canonical slug, or null for a comment
    text      VARCHAR,
    source    VARCHAR NOT NULL,                -- file the update came from
    position  INTEGER NOT NULL,                -- its place in that file
    import_id INTEGER NOT NULL
);
