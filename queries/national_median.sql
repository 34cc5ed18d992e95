-- name: national_median :one
-- Returns the Kaplan–Meier median time to complete of the recommendations the filters select (the page selects one
-- national recommendation's id, without the national bodies' copies), in days from publication, with its 95%
-- interval (median, median_lower, median_upper: null where the curve or bound never reaches one half), n, completed.
-- Params: $filters.
SELECT median, median_lower, median_upper, n, completed
FROM km_median($filters, 'none')
