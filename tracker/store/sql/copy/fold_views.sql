-- name: fold_views :script
-- DuckDB: the workflow folded into what queries read, in the schema tracker.folded (first on a reader's search path):
-- the workflow tables as they are; `submissions`, where each stands (the submission_rows macro, store/journal.sql);
-- `updates`, the imported history (less retracted imports) plus the rows the workflow adds (journal_rows, filled by
-- add_journal_rows.sql); and the spans, those of the items the workflow touched (touched) recomputed in the overlay
-- tables (filled by fold_status_spans.sql and fold_comment_spans.sql). Every table starts empty. No parameters.
USE tracker;
CREATE SCHEMA IF NOT EXISTS tracker.folded;
SET search_path = 'tracker.folded,tracker.main';
CREATE OR REPLACE VIEW tracker.folded.events AS SELECT * FROM tracker.main.events;
CREATE OR REPLACE VIEW tracker.folded.meetings AS SELECT * FROM tracker.main.meetings;
CREATE OR REPLACE VIEW tracker.folded.reminder_settings AS SELECT * FROM tracker.main.reminder_settings;
CREATE OR REPLACE VIEW tracker.folded.reminders_sent AS SELECT * FROM tracker.main.reminders_sent;
CREATE OR REPLACE VIEW tracker.folded.submissions AS SELECT * FROM submission_rows(NULL, NULL);
CREATE OR REPLACE TABLE tracker.folded.journal_rows (
    key VARCHAR, on_date DATE, status VARCHAR, text VARCHAR, source VARCHAR, position INTEGER, import_id INTEGER,
    stated_target DATE, decided BOOLEAN, author VARCHAR, review VARCHAR, public BOOLEAN
);
CREATE OR REPLACE VIEW tracker.folded.updates AS
SELECT key, on_date, status, text, source, position, import_id, stated_target, decided,
       NULL::VARCHAR AS author, NULL::VARCHAR AS review,
       -- a row of the inspectorate's register (a record page, .txt; and the demo, made like it) is public;
       -- a spreadsheet's is internal
       (source = 'demo' OR lower(source) LIKE '%.txt') AS public
FROM tracker.main.updates u
WHERE NOT EXISTS (SELECT 1 FROM tracker.main.retracted_imports x WHERE x.import_id = u.import_id)
UNION ALL SELECT * FROM tracker.folded.journal_rows;
CREATE OR REPLACE TABLE tracker.folded.touched AS SELECT rid FROM tracker.main.rec_base LIMIT 0;
CREATE OR REPLACE TABLE tracker.folded.overlay_status_spans AS SELECT * FROM tracker.main.status_spans LIMIT 0;
CREATE OR REPLACE TABLE tracker.folded.overlay_comment_spans AS SELECT * FROM tracker.main.comment_spans LIMIT 0;
CREATE OR REPLACE VIEW tracker.folded.status_spans AS
SELECT * FROM tracker.main.status_spans WHERE rid NOT IN (SELECT rid FROM tracker.folded.touched)
UNION ALL SELECT * FROM tracker.folded.overlay_status_spans;
CREATE OR REPLACE VIEW tracker.folded.comment_spans AS
SELECT * FROM tracker.main.comment_spans WHERE rid NOT IN (SELECT rid FROM tracker.folded.touched)
UNION ALL SELECT * FROM tracker.folded.overlay_comment_spans;
