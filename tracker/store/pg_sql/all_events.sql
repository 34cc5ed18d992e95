-- name: all_events :rows
-- PostgreSQL through ADBC, in a whole load's snapshot: every event held (written with the counter or not), with its
-- write's number and the transaction that wrote it (as text). Identifiers: {columns}. No parameters.
SELECT {columns}, change_no, xid::text AS xid FROM events
