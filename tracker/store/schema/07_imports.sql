-- name: 07_imports :script
-- Imports as units that can be retracted and restored, and analysts' saved column mappings. Nothing here is ever
-- updated or deleted: a retraction is a new row, and so is undoing it.

-- The force's own red/amber/green rating from a spreadsheet, kept as given (never read as the status).
ALTER TABLE recommendations ADD COLUMN IF NOT EXISTS force_rag VARCHAR;
-- The cause of concern a recommendation answers, by its id in the same force, as an import gave it (migration V8);
-- and the PEEL question an area for improvement comes under.
ALTER TABLE recommendations ADD COLUMN IF NOT EXISTS cause_id INTEGER;
ALTER TABLE recommendations ADD COLUMN IF NOT EXISTS peel_question VARCHAR;

-- Every version of every recommendation an import wrote, tagged with that import. `recommendations` is derived from
-- it by every write (derived/current.sql): each key's latest version from an import that is not retracted.
CREATE TABLE IF NOT EXISTS recommendation_versions AS SELECT * FROM recommendations LIMIT 0;
-- A file written before versions were kept: what it holds is each recommendation's first known version.
INSERT INTO recommendation_versions BY NAME
SELECT * FROM recommendations WHERE NOT EXISTS (SELECT 1 FROM recommendation_versions);

-- Who made each import, in what role and from where (imports written before this know none of it).
ALTER TABLE imports ADD COLUMN IF NOT EXISTS actor VARCHAR;
ALTER TABLE imports ADD COLUMN IF NOT EXISTS role VARCHAR;
ALTER TABLE imports ADD COLUMN IF NOT EXISTS via VARCHAR;                 -- app | command line | demo
ALTER TABLE imports ADD COLUMN IF NOT EXISTS mapping VARCHAR;             -- the column mapping used, as JSON
ALTER TABLE imports ADD COLUMN IF NOT EXISTS recommendations_changed INTEGER;
ALTER TABLE imports ADD COLUMN IF NOT EXISTS forces VARCHAR[];           -- the forces of the rows it wrote

-- Retractions of imports and their undoing, in order: an import counts unless its latest action is 'retract'.
CREATE TABLE IF NOT EXISTS import_actions (
    seq       INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL,     -- imports.id
    action    VARCHAR NOT NULL,     -- retract | restore
    made_at   TIMESTAMP NOT NULL,
    actor     VARCHAR NOT NULL,
    role      VARCHAR NOT NULL,
    via       VARCHAR NOT NULL,     -- app | command line
    reason    VARCHAR
);

CREATE OR REPLACE VIEW retracted_imports AS
SELECT import_id FROM import_actions GROUP BY import_id HAVING arg_max(action, seq) = 'retract';

-- Column mappings analysts confirmed, under a name; the latest row of a name is the mapping it stands for.
CREATE TABLE IF NOT EXISTS saved_mappings (
    name     VARCHAR NOT NULL,
    force    VARCHAR,               -- the force whose layout it maps (null: any)
    mapping  VARCHAR NOT NULL,      -- JSON, the format of `ingest --mapping FILE.json`
    saved_at TIMESTAMP NOT NULL,
    saved_by VARCHAR NOT NULL
);

-- Whether the data is the demo's and only the demo's: built by `demo`, with nothing written into it since but what
-- the demo's own people did in the app (trying an import, a retraction, a saved mapping, a linked name, a submission
-- or a decision, as the "View as" picker lets anyone). Anything from outside the demo ends it for good: an import or a
-- retraction at the command line, a people import, a mapping or a link by anyone not in the demo's directory. So real
-- data never inherits the demo's picker or its marking.
CREATE OR REPLACE MACRO demo_only() AS (
    coalesce((SELECT value FROM meta WHERE key = 'is_demo'), 'false') = 'true'
    AND NOT EXISTS (SELECT 1 FROM imports WHERE coalesce(via, '') NOT IN ('demo', 'app'))
    AND NOT EXISTS (SELECT 1 FROM import_actions WHERE via <> 'app')
    AND NOT EXISTS (SELECT 1 FROM people WHERE changed_by <> 'demo')
    AND NOT EXISTS (SELECT 1 FROM name_aliases WHERE added_by NOT IN (SELECT email FROM people))
    AND NOT EXISTS (SELECT 1 FROM saved_mappings WHERE saved_by NOT IN (SELECT email FROM people))
);
