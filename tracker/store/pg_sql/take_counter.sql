-- name: take_counter :rows
-- PostgreSQL, in a write just before its inserts: the next number from the write counter, whose row stays locked
-- until the transaction ends, so writes commit in number order (a copy that has seen number N has every row up to
-- N). Returns change_no. No parameters.
UPDATE data_version SET change_no = change_no + 1 RETURNING change_no
