-- A write reads the few items its rules need straight from PostgreSQL (store/scratch.py): their updates, links and
-- versions by key, and the items of a report or a board. Indexed, so each read is a look-up, not a scan of the
-- history, however large it grows.
CREATE INDEX ON updates (key);
CREATE INDEX ON item_links (key);
CREATE INDEX ON recommendation_versions (report, force);
CREATE INDEX ON recommendation_versions (board);
