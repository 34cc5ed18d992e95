-- name: fold_views :script
-- DuckDB, once when a copy is made: the workflow folded into what queries read, in the schema tracker.folded (first
-- on a reader's search path, and on the path the derived tables are computed on): `submissions`, where each stands
-- (the submission_rows macro, store/schema/08_workflow.sql); `workflow_rows`, the rows the workflow's events add to the history
-- (filled by add_workflow_rows.sql); and `updates`, the imported history (less retracted imports) with those rows.
-- An imported row's author and review are what its file said (an export's workflow rows carry them), else null; its
-- percent complete too (a workflow row's: an accepted submission's).
-- No parameters.
USE tracker;
CREATE SCHEMA IF NOT EXISTS tracker.folded;
SET search_path = 'tracker.folded,tracker.main';
CREATE OR REPLACE VIEW tracker.folded.submissions AS SELECT * FROM submission_rows(NULL, NULL);
CREATE OR REPLACE TABLE tracker.folded.workflow_rows (
    key VARCHAR, on_date DATE, status VARCHAR, text VARCHAR, source VARCHAR, position INTEGER, import_id INTEGER,
    stated_target DATE, decided BOOLEAN, author VARCHAR, review VARCHAR, public BOOLEAN, percent INTEGER
);
CREATE OR REPLACE VIEW tracker.folded.updates AS
SELECT key, on_date, status, text, source, position, import_id, stated_target, decided,
       u.author, u.review,
       -- a row of the inspectorate's register (a record page, .txt; and the demo, made like it) is public;
       -- a spreadsheet's is internal
       (source = 'demo' OR lower(source) LIKE '%.txt') AS public,
       u.percent
FROM tracker.main.updates u
WHERE NOT EXISTS (SELECT 1 FROM tracker.main.retracted_imports x WHERE x.import_id = u.import_id)
UNION ALL SELECT * FROM tracker.folded.workflow_rows;
