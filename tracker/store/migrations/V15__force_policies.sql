-- A force's policies, each set by an administrator as a new dated, attributed row: the latest on or before a day is
-- the policy that day (the copy's policies_on macro). Names and values are checked by tracker.core.policies.
CREATE TABLE force_policies (
    force     TEXT NOT NULL,
    name      TEXT NOT NULL,
    value     TEXT NOT NULL,
    on_date   DATE NOT NULL,
    made_at   TIMESTAMP NOT NULL,
    actor_id  INTEGER,
    actor     TEXT NOT NULL,
    reason    TEXT,
    source    TEXT NOT NULL,
    event_id  TEXT NOT NULL UNIQUE,
    change_no BIGINT NOT NULL
);
CREATE INDEX ON force_policies (change_no);
