-- name: km_curve :many
-- Returns the Kaplan–Meier curves of time from publication to completion for the recommendations the filters select,
-- one row a group and distinct time: grp (by $split: kind, theme, cohort, force, or 'All' for none), t (days),
-- at_risk, events, censored, s (share not yet complete), lower and upper (95% interval); open items censored at the
-- filters' date, those closed apart (superseded, risk accepted…) at the day they closed. By group and time.
-- Params: $filters, $split.
SELECT grp, t, at_risk, events, censored, s, lower, upper
FROM km($filters, $split)
ORDER BY grp, t
