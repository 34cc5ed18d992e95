-- A digest is logged as sent in one write and handed to the mail server only once that write has committed (a side
-- effect after the commit). When the server refuses it, the refusal is a row of its own, so the digest for that date
-- counts as not sent and the next run tries it again.
CREATE TABLE reminders_bounced (
    person_id  INTEGER NOT NULL,
    as_of      DATE NOT NULL,
    bounced_at TIMESTAMP NOT NULL,
    detail     TEXT NOT NULL,           -- the mail server's words
    change_no  BIGINT NOT NULL
);
CREATE INDEX ON reminders_bounced (change_no);
