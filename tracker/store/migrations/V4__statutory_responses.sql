-- The statutory response (Police Act 1996, s.55): a force area's commissioner publishes comments on each inspection
-- report within 56 days of its publication. Every step is a row, never changed: a draft saved (every save kept), the
-- chief constable's comments received, the commissioner's approval of a version, its publication. A change after
-- approval is the next version, which must be approved again.
CREATE TABLE responses (
    step_id        BIGINT NOT NULL UNIQUE,   -- 1, 2, …
    report         TEXT NOT NULL,            -- reports.id
    force          TEXT NOT NULL,            -- the force area answering
    version        INTEGER NOT NULL,         -- the response's version the step belongs to (1, 2, …)
    kind           TEXT NOT NULL,            -- draft | comments | approve | publish
    stage_before   TEXT NOT NULL,            -- not-started | drafting | comments-received | approved | published
    stage_after    TEXT NOT NULL,
    made_at        TIMESTAMP NOT NULL,
    actor_id       INTEGER,                  -- people.person_id
    actor          TEXT NOT NULL,            -- their email as they signed in
    role           TEXT NOT NULL,            -- the role they acted in
    source         TEXT NOT NULL,            -- app | command line
    overall        TEXT,                     -- a draft: the commissioner's overall comments
    plan           TEXT,                     -- a draft: JSON [{"key", "action", "owner", "target"}], one a recommendation
    chief_comments TEXT,                     -- comments: the chief constable's comments as pasted
    chief_file     BIGINT,                   -- comments: or as a file (evidence.file_id)
    published_on   DATE,                     -- publish: the day the office put it online
    address        TEXT,                     -- publish: where
    event_id       TEXT NOT NULL UNIQUE,
    change_no      BIGINT NOT NULL
);
CREATE INDEX ON responses (change_no);
CREATE INDEX ON responses (report, force);
