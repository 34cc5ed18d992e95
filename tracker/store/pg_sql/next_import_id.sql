-- name: next_import_id :rows
-- PostgreSQL, in a write holding the facts' lock and the counter: the id the next import gets. No parameters.
SELECT coalesce(max(id), 0) + 1 FROM imports
