-- name: risk_to_note :items
-- Returns the risk acceptances waiting for their board's noting on the open recommendations the filters select (a
-- meeting's agenda narrows them to its board's), as proposed by the filters' date, oldest first: seq (the proposal's
-- number), key, id, force, owner, reason, proposed_on, proposed_by, signed_by, signed_as, signed_on (null: not yet
-- signed off).
-- Params: $filters.
SELECT r.seq, r.key, f.id, f.force, f.owner, r.reason, r.proposed_on, r.proposed_by, r.signed_by, r.signed_as,
       r.signed_on
FROM risk_acceptances(NULL, $filters['as_of']) r
JOIN filtered($filters) f USING (key)
WHERE r.state = 'waiting' AND r.noted_on IS NULL AND f.is_open
ORDER BY r.seq
