-- name: history_tables :rows
-- PostgreSQL: every table whose rows carry a write's number (change_no), that is the history and the write counter
-- itself, by name (a test holds tracker.store.copy.HISTORY against it). Returns table_name. No parameters.
SELECT table_name::text FROM information_schema.columns
WHERE table_schema = current_schema() AND column_name = 'change_no'
ORDER BY table_name
