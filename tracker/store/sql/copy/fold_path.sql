-- name: fold_path :script
-- DuckDB: the copy's catalog, with a reader's search path (the workflow folded in first), which the folding-in's
-- statements and the span macros read through. No parameters.
USE tracker;
SET search_path = 'tracker.folded,tracker.main';
