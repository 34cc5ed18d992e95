-- name: 07_imports :script
-- Imports as units that can be retracted and restored, and analysts' saved column mappings. Nothing here is ever
-- updated or deleted: a retraction is a new row, and so is undoing it.

CREATE OR REPLACE VIEW retracted_imports AS
SELECT import_id FROM import_actions GROUP BY import_id HAVING arg_max(action, seq) = 'retract';

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
