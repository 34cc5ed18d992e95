-- name: base_rate :rows
-- The share of published items whose target had passed by $d that were complete by their target (the backtest's
-- base-rate forecast). Returns one value. Params: $d.
SELECT avg(CASE WHEN status = 'complete' AND completed_on <= target_current THEN 1.0 ELSE 0.0 END)
FROM rec_state($d, 180)
WHERE target_current < $d AND published_on IS NOT NULL
