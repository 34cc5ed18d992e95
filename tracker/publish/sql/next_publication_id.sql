-- name: next_publication_id :rows
-- PostgreSQL, in a write holding the counter: the next publication's number. No parameters.
SELECT coalesce(max(publication_id), 0) + 1 FROM publications
