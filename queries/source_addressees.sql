-- name: source_addressees :many
-- Returns everyone a source document (a coroner's report) was addressed to, as written, and what the name was
-- matched to: source, source_ref (the document's reference), report_title, written, matched (the force or body, or
-- null), how (force | policing body | outside policing | unmatched), answer_by; soonest answer first. A reader with
-- a scope sees the addressees of documents with an item in their forces. $how is one kind of match, or null for all.
-- Params: $filters, $how.
SELECT a.source, a.source_ref, coalesce(rp.title, a.report) AS report_title, a.written, a.matched, a.how, a.answer_by
FROM source_addressees a
LEFT JOIN reports rp ON rp.id = a.report
WHERE ($how IS NULL OR a.how = $how)
  AND ($filters['scope'] IS NULL OR a.report IN (SELECT report FROM filtered($filters)))
ORDER BY a.answer_by, a.source_ref, a.written
