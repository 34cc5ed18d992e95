-- name: take_counter :rows
-- PostgreSQL, to start a write: take the write counter's row lock (held until the transaction ends, so writes commit
-- in the counter's order) and the write's number. Returns change_no, epoch. No parameters.
UPDATE data_version SET change_no = change_no + 1 RETURNING change_no, epoch::text
