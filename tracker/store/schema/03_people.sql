-- name: 03_people :script
-- People: the directory (every change a new version row, so who held a name on a date stays answerable), names an
-- administrator linked by hand, and the links from names written in comments to people (derived on every write).

CREATE TABLE IF NOT EXISTS people (
    person_id  INTEGER NOT NULL,           -- stable: the same sign-in email is the same person
    version    INTEGER NOT NULL,           -- 1, 2, …: each change adds the next
    email      VARCHAR NOT NULL,           -- lower-case
    name       VARCHAR NOT NULL,           -- as comments write it, with rank: 'Supt Wright'
    force      VARCHAR,                    -- null: national
    roles      VARCHAR[] NOT NULL,         -- viewer, analyst, lead, reviewer, admin
    active     BOOLEAN NOT NULL,
    valid_from TIMESTAMP NOT NULL,
    changed_by VARCHAR NOT NULL,           -- who or what made this version: an import's file, an administrator's email
    job_title  VARCHAR,                    -- how the public site names them: 'Head of Public Protection'
    public_name BOOLEAN NOT NULL DEFAULT false,  -- whether the public site may give their name
    PRIMARY KEY (person_id, version)
);

CREATE TABLE IF NOT EXISTS name_aliases (
    force     VARCHAR NOT NULL,
    name      VARCHAR NOT NULL,            -- as written in comments
    person_id INTEGER NOT NULL,
    added_at  TIMESTAMP NOT NULL,
    added_by  VARCHAR NOT NULL
);

-- Derived (tracker.store.name_links, on every write): each (force, name) an owner or overseer is written as, and the person
-- it refers to; person_id is null when the name is ambiguous or matches nobody (candidates lists who it might be).
CREATE TABLE IF NOT EXISTS name_links (
    force      VARCHAR NOT NULL,
    name       VARCHAR NOT NULL,
    person_id  INTEGER,
    how        VARCHAR NOT NULL,           -- alias, exact, promotion, rank differs, surname, ambiguous, unmatched
    candidates INTEGER[] NOT NULL
);

CREATE OR REPLACE VIEW current_people AS
SELECT * EXCLUDE (version) FROM people
QUALIFY version = max(version) OVER (PARTITION BY person_id);
