-- name: item_withheld :one
-- Returns whether recommendation $key is withheld from the public site on the filters' date (a reviewer's latest say
-- by then), when the filters select it (else no row): withheld, reason, actor, on_date.
-- Params: $filters, $key.
SELECT arg_max(decision, seq) = 'withhold' AS withheld, arg_max(reason, seq) AS reason, arg_max(actor, seq) AS actor,
       arg_max(on_date, seq) AS on_date
FROM events
WHERE kind = 'withhold' AND key = $key AND on_date <= $filters['as_of']::DATE
  AND key IN (SELECT key FROM filtered($filters) WHERE key = $key)
HAVING count(*) > 0
