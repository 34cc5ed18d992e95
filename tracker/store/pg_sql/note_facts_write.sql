-- name: note_facts_write :exec
-- PostgreSQL, in a write holding the counter that appended rows the workflow's imported facts depend on (an import,
-- a retraction, the directory, a meeting, a fact): record that this write (%(change_no)s) is the latest such.
-- Returns nothing. Params: %(change_no)s.
UPDATE data_version SET facts_no = %(change_no)s
