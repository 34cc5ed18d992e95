-- name: km_medians :many
-- Returns, for each group of the recommendations the filters select (by $split, as km_curve), the Kaplan–Meier
-- median time to complete in days and its 95% interval (median, median_lower, median_upper: null where the curve or
-- bound never reaches one half), n, completed and share_complete_1y (estimated share complete within a year); by group.
-- Params: $filters, $split.
SELECT grp, median, median_lower, median_upper, n, completed, share_complete_1y
FROM km_median($filters, $split)
ORDER BY grp
