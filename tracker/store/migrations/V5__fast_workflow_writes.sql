-- Workflow writes read an item's events in PostgreSQL, holding the item's lock, and commit holding the write counter
-- only to commit (pg_sql/add_events_checked.sql). Their commit checks two things cheaply:
-- * no event was added meanwhile for the items they read: events are looked up by item;
-- * nothing the imported facts depend on (an import, a retraction, the directory, a meeting, a fact) was written
--   after the copy they read those facts from: `facts_no` is the number of the latest write that did, set by that
--   write holding the counter (pg_sql/note_facts_write.sql), so the check is one row's value, not a look at every
--   table.
CREATE INDEX ON events (key);
ALTER TABLE data_version ADD COLUMN facts_no BIGINT NOT NULL DEFAULT 0;
UPDATE data_version SET facts_no = change_no;
