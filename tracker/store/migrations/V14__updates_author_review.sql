-- An update may say who wrote it and who reviewed it: an export carries the workflow's rows with their author and
-- review, and importing that export into another database keeps both (an export imported into an empty database
-- exports again byte for byte). Null for every update imported before this, and for a file that does not say.
ALTER TABLE updates ADD COLUMN author TEXT, ADD COLUMN review TEXT;
