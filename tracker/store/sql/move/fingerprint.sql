-- name: fingerprint :rows
-- DuckDB: the registered `fingerprinted` rows' count and the MD5 of their text in sorted order (the same on both
-- sides of a move). Returns rows, md5. Identifiers: {columns}.
SELECT count(*) AS rows, coalesce(md5(string_agg(r, chr(10) ORDER BY r)), '') AS md5
FROM (SELECT CAST(row({columns}) AS VARCHAR) AS r FROM fingerprinted)
