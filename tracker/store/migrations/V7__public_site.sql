-- The public site (tracker/publish): what may be published, and each publication of a force's site.
-- A workflow event's text is published only when whoever wrote it said it is public (a submission's default is
-- internal; null is internal). Imported history is public when it came from the inspectorate's register.
ALTER TABLE events ADD COLUMN public BOOLEAN;
-- How the public site names a person: by job title ('Head of Public Protection'), and by name only when the directory
-- says they are publicly named.
ALTER TABLE people ADD COLUMN job_title TEXT;
ALTER TABLE people ADD COLUMN public_name BOOLEAN NOT NULL DEFAULT false;
-- Each publication of a force's public site, confirmed by a commissioner or an administrator after seeing what changed
-- since the last one: what each published item showed (manifest, JSON), for the next publication's diff.
CREATE TABLE publications (
    publication_id BIGINT NOT NULL UNIQUE,   -- 1, 2, …
    force          TEXT NOT NULL,
    as_of          DATE NOT NULL,            -- the date the site's data is as of
    made_at        TIMESTAMP NOT NULL,
    actor_id       INTEGER,                  -- people.person_id
    actor          TEXT NOT NULL,            -- their email as they signed in
    role           TEXT NOT NULL,
    source         TEXT NOT NULL,            -- app | command line
    digest         TEXT NOT NULL,            -- SHA-256 over every file of the site, in path order
    files          INTEGER NOT NULL,
    manifest       TEXT NOT NULL,
    change_no      BIGINT NOT NULL
);
CREATE INDEX ON publications (change_no);
CREATE INDEX ON publications (force);
