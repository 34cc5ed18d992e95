-- name: table_ends :rows
-- DuckDB: where each history table of the copy ends (its last row's rowid; -1 when empty), so a write finds the
-- rows it appended. Every table of tracker.store.copy.HISTORY (a test checks). Returns table_name, last_row.
-- No parameters.
SELECT 'meta' AS table_name, coalesce(max(rowid), -1) AS last_row FROM tracker.main.meta
UNION ALL SELECT 'imports' AS table_name, coalesce(max(rowid), -1) AS last_row FROM tracker.main.imports
UNION ALL SELECT 'reports' AS table_name, coalesce(max(rowid), -1) AS last_row FROM tracker.main.reports
UNION ALL SELECT 'recommendation_versions' AS table_name, coalesce(max(rowid), -1) AS last_row FROM tracker.main.recommendation_versions
UNION ALL SELECT 'extra_forces' AS table_name, coalesce(max(rowid), -1) AS last_row FROM tracker.main.extra_forces
UNION ALL SELECT 'updates' AS table_name, coalesce(max(rowid), -1) AS last_row FROM tracker.main.updates
UNION ALL SELECT 'people' AS table_name, coalesce(max(rowid), -1) AS last_row FROM tracker.main.people
UNION ALL SELECT 'name_aliases' AS table_name, coalesce(max(rowid), -1) AS last_row FROM tracker.main.name_aliases
UNION ALL SELECT 'audit' AS table_name, coalesce(max(rowid), -1) AS last_row FROM tracker.main.audit
UNION ALL SELECT 'import_actions' AS table_name, coalesce(max(rowid), -1) AS last_row FROM tracker.main.import_actions
UNION ALL SELECT 'saved_mappings' AS table_name, coalesce(max(rowid), -1) AS last_row FROM tracker.main.saved_mappings
UNION ALL SELECT 'events' AS table_name, coalesce(max(rowid), -1) AS last_row FROM tracker.main.events
UNION ALL SELECT 'meetings' AS table_name, coalesce(max(rowid), -1) AS last_row FROM tracker.main.meetings
UNION ALL SELECT 'reminder_settings' AS table_name, coalesce(max(rowid), -1) AS last_row FROM tracker.main.reminder_settings
UNION ALL SELECT 'reminders_sent' AS table_name, coalesce(max(rowid), -1) AS last_row FROM tracker.main.reminders_sent
UNION ALL SELECT 'evidence' AS table_name, coalesce(max(rowid), -1) AS last_row FROM tracker.main.evidence
UNION ALL SELECT 'responses' AS table_name, coalesce(max(rowid), -1) AS last_row FROM tracker.main.responses
UNION ALL SELECT 'publications' AS table_name, coalesce(max(rowid), -1) AS last_row FROM tracker.main.publications
UNION ALL SELECT 'item_links' AS table_name, coalesce(max(rowid), -1) AS last_row FROM tracker.main.item_links
UNION ALL SELECT 'peel_grades' AS table_name, coalesce(max(rowid), -1) AS last_row FROM tracker.main.peel_grades
