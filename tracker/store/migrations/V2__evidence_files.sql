-- Evidence files: what a lead attaches to a submission (PDF, DOCX, XLSX, PNG, JPEG). Each file's facts are a history
-- row like any other (copied into every replica); its bytes are kept once per content, by SHA-256, and read only when
-- someone with the item in their scope downloads it (never copied into a replica). Neither is ever changed.
CREATE TABLE evidence (
    file_id     BIGINT NOT NULL UNIQUE,   -- 1, 2, …: how people refer to it (evidence get --id N)
    key         TEXT NOT NULL,            -- the recommendation
    submission  BIGINT,                   -- the submission it came with (events.seq)
    name        TEXT NOT NULL,            -- the file's name as uploaded (shown, never used as a path)
    media_type  TEXT NOT NULL,            -- from its content: application/pdf, image/png, …
    size        BIGINT NOT NULL,          -- bytes
    sha256      TEXT NOT NULL,            -- of its content (hex)
    uploaded_at TIMESTAMP NOT NULL,
    uploader_id INTEGER,                  -- people.person_id
    uploader    TEXT NOT NULL,            -- their email as they signed in
    role        TEXT NOT NULL,
    source      TEXT NOT NULL,            -- app | command line
    event_id    TEXT NOT NULL UNIQUE,
    change_no   BIGINT NOT NULL
);
CREATE INDEX ON evidence (change_no);
CREATE INDEX ON evidence (key);

CREATE TABLE evidence_content (
    sha256    TEXT PRIMARY KEY,
    content   BYTEA NOT NULL,
    change_no BIGINT NOT NULL
);
