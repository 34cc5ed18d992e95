-- name: national_recommendations :items
-- Returns each national recommendation among those the filters select (an id held by two or more recipients: every
-- chief constable, and perhaps national bodies, each with its own copy), as it stood on the filters' date: id,
-- report_title, published_on, text (one copy's), forces, bodies (how many national bodies hold it), complete, open,
-- overdue (of the forces' copies); by publication, newest first, then id.
-- Params: $filters.
SELECT id, any_value(report_title) AS report_title, min(published_on) AS published_on, min(text) AS text,
       count(*) FILTER (WHERE NOT is_body) AS forces, count(*) FILTER (WHERE is_body) AS bodies,
       count(*) FILTER (WHERE NOT is_body AND status = 'complete') AS complete,
       count(*) FILTER (WHERE NOT is_body AND is_open) AS open,
       count(*) FILTER (WHERE NOT is_body AND days_overdue > 0) AS overdue
FROM filtered($filters)
GROUP BY id
HAVING count(*) >= 2
ORDER BY published_on DESC NULLS LAST, id
