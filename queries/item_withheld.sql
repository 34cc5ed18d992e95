-- name: item_withheld :one
-- Returns whether recommendation $key is withheld from the public site (a reviewer's latest say, whenever made: it
-- holds for a site built as of any date), when the filters select it (else no row): withheld, reason, actor, on_date.
-- Params: $filters, $key.
SELECT withheld, reason, actor, on_date
FROM withholdings
WHERE key = $key AND key IN (SELECT key FROM filtered($filters) WHERE key = $key)
