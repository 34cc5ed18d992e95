-- name: meta :rows
-- The key/value facts stored with the data (demo flag, demo date, last import time): key, value. No parameters.
SELECT key, value FROM meta
