-- name: link_facts :rows
-- What a link's rule checks of two items, inside a write: key, force, kind of each of $key and $other that exists
-- (zero, one or two rows). Params: $key, $other.
SELECT key, force, kind FROM recommendations WHERE key IN ($key, $other)
