-- name: 05_audit :script
-- The audit trail of writes to this file: imports, directory changes, name links, upgrades, demo builds. (Submissions,
-- withdrawals and decisions are events in the workflow journal beside it; the Activity page shows both.)
CREATE TABLE IF NOT EXISTS audit (
    made_at TIMESTAMP NOT NULL,
    actor   VARCHAR NOT NULL,   -- a person's email, or 'command line (user@host)'
    role    VARCHAR NOT NULL,   -- the role acted in: analyst, admin, operator
    source  VARCHAR NOT NULL,   -- app | command line | file import
    action  VARCHAR NOT NULL,   -- import, people import, link name, demo
    entity  VARCHAR NOT NULL,   -- what it acted on: the files, the directory, a name
    before  VARCHAR,            -- JSON
    after   VARCHAR             -- JSON
);
