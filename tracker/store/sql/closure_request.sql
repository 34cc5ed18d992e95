-- Inside a write, on the copy: closure request $seq, or (with $seq null) the waiting one of item $key: seq, key,
-- requested_on, state (waiting, accepted, returned); no row if there is none. Params: $seq, $key.
SELECT seq, key, requested_on, state
FROM closure_rows($key, $seq)
WHERE ($seq IS NOT NULL AND seq = $seq) OR ($seq IS NULL AND state = 'waiting')
ORDER BY seq DESC
LIMIT 1
