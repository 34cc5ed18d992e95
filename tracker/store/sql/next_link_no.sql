-- name: next_link_no :rows
-- The next item link's number, inside a write holding the counter (the copy is current). Params: none.
SELECT coalesce(max(link_no), 0) + 1 FROM item_links
