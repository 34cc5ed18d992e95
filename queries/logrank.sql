-- name: logrank :one
-- Returns the log-rank test of the forces in $group against every other force, among the recommendations the filters
-- select: observed and expected completions in $group, variance, chi2 (1 degree of freedom; null when nothing can
-- be compared).
-- Params: $filters, $group.
SELECT observed, expected, variance, chi2 FROM logrank($filters, $group)
