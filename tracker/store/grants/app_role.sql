-- Run after every migration, so a table added later gets its grants in the same run. The app's role reads every
-- table and appends to the history; it may not UPDATE, DELETE or TRUNCATE any of it. The one row it updates is the
-- write counter (data_version), whose lock orders the writes.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM tracker_app;
GRANT USAGE ON SCHEMA public TO tracker_app;
GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public TO tracker_app;
REVOKE INSERT ON data_version, schema_version FROM tracker_app;
GRANT UPDATE (change_no) ON data_version TO tracker_app;
-- The events' numbers (migration V6), drawn by each write that adds events.
GRANT USAGE, SELECT, UPDATE ON SEQUENCE event_numbers TO tracker_app;
