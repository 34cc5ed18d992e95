-- name: completed_items :rows
-- Every item complete as of $d and the day it was completed (the backtest's outcomes). Returns key, completed_on.
-- Params: $d.
SELECT key, completed_on FROM rec_state($d, 180) WHERE status = 'complete'
