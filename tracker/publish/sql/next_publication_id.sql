-- name: next_publication_id :rows
-- The next publication's number, inside a write holding the counter (the copy is current). Params: none.
SELECT coalesce(max(publication_id), 0) + 1 FROM publications
