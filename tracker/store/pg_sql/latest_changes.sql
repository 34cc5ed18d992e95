-- name: latest_changes :rows
-- PostgreSQL, in a pull's snapshot: each history table's latest write (the index's last entry, whatever the
-- statistics say; null when empty), so a pull reads only the tables with new rows. Every table of
-- tracker.store.copy.HISTORY (a test checks). Returns table_name, last_change. No parameters.
SELECT 'meta' AS table_name, (SELECT max(change_no) FROM meta) AS last_change
UNION ALL SELECT 'imports' AS table_name, (SELECT max(change_no) FROM imports) AS last_change
UNION ALL SELECT 'reports' AS table_name, (SELECT max(change_no) FROM reports) AS last_change
UNION ALL SELECT 'recommendation_versions' AS table_name, (SELECT max(change_no) FROM recommendation_versions) AS last_change
UNION ALL SELECT 'extra_forces' AS table_name, (SELECT max(change_no) FROM extra_forces) AS last_change
UNION ALL SELECT 'updates' AS table_name, (SELECT max(change_no) FROM updates) AS last_change
UNION ALL SELECT 'people' AS table_name, (SELECT max(change_no) FROM people) AS last_change
UNION ALL SELECT 'name_aliases' AS table_name, (SELECT max(change_no) FROM name_aliases) AS last_change
UNION ALL SELECT 'audit' AS table_name, (SELECT max(change_no) FROM audit) AS last_change
UNION ALL SELECT 'import_actions' AS table_name, (SELECT max(change_no) FROM import_actions) AS last_change
UNION ALL SELECT 'saved_mappings' AS table_name, (SELECT max(change_no) FROM saved_mappings) AS last_change
UNION ALL SELECT 'events' AS table_name, (SELECT max(change_no) FROM events) AS last_change
UNION ALL SELECT 'meetings' AS table_name, (SELECT max(change_no) FROM meetings) AS last_change
UNION ALL SELECT 'reminder_settings' AS table_name, (SELECT max(change_no) FROM reminder_settings) AS last_change
UNION ALL SELECT 'reminders_sent' AS table_name, (SELECT max(change_no) FROM reminders_sent) AS last_change
UNION ALL SELECT 'evidence' AS table_name, (SELECT max(change_no) FROM evidence) AS last_change
UNION ALL SELECT 'responses' AS table_name, (SELECT max(change_no) FROM responses) AS last_change
UNION ALL SELECT 'publications' AS table_name, (SELECT max(change_no) FROM publications) AS last_change
UNION ALL SELECT 'item_links' AS table_name, (SELECT max(change_no) FROM item_links) AS last_change
UNION ALL SELECT 'peel_grades' AS table_name, (SELECT max(change_no) FROM peel_grades) AS last_change
UNION ALL SELECT 'reminders_bounced' AS table_name, (SELECT max(change_no) FROM reminders_bounced) AS last_change
UNION ALL SELECT 'force_policies' AS table_name, (SELECT max(change_no) FROM force_policies) AS last_change
UNION ALL SELECT 'source_addressees' AS table_name, (SELECT max(change_no) FROM source_addressees) AS last_change
