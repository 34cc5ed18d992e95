-- name: next_link_no :rows
-- PostgreSQL, in a write holding the counter: the next link's number. Returns one number. No parameters.
SELECT coalesce(max(link_no), 0) + 1 FROM item_links
