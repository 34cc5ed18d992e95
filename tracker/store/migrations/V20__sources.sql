-- Every source in one register (issue 45): each item says where it comes from (a code of data/sources.csv, whose
-- rows are the sources' legal clocks), the source's own reference for it (a coroner's report and its concern, an IOPC
-- recommendation's reference), whom it is addressed to, and the last day to answer it (tracker.core.sources.answer_by,
-- worked out when it is imported). Every item held before this is an inspection's: HMICFRS.
ALTER TABLE recommendation_versions
    ADD COLUMN source     TEXT NOT NULL DEFAULT 'hmicfrs',
    ADD COLUMN source_ref TEXT,
    ADD COLUMN addressee  TEXT,
    ADD COLUMN answer_by  DATE;

-- Everyone a source addressed, as written, and what the name was matched to: a force (whose items the import made),
-- a policing body that is not a force, an addressee outside policing (recorded, tracked by nobody here), or nothing
-- (unmatched: for an analyst to resolve). One row a source document and name as written; a later import of the same
-- document adds none.
CREATE TABLE source_addressees (
    source     TEXT NOT NULL,
    source_ref TEXT NOT NULL,     -- the document's reference: a coroner's report's '2024-0301'
    report     TEXT NOT NULL,     -- the report id its items are under
    written    TEXT NOT NULL,     -- the addressee as the document writes it
    matched    TEXT,              -- the force or body it names; null when outside policing or unmatched
    how        TEXT NOT NULL,     -- force | policing body | outside policing | unmatched
    answer_by  DATE,              -- the addressee's last day to answer
    import_id  INTEGER NOT NULL,
    change_no  BIGINT NOT NULL,
    UNIQUE (source, source_ref, written)
);
CREATE INDEX ON source_addressees (change_no);
