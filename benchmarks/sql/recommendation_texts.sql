-- name: recommendation_texts :rows
-- Every recommendation with its force, report and text. Returns key, force, report, text. No parameters.
SELECT key, force, report, text FROM rec_base
