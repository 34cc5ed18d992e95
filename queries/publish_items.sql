-- name: publish_items :items
-- Returns what the public site shows of each recommendation the filters select (one force's, within the reader's
-- scope) as it stood on the filters' date, by report then id: key, id, report, report_title, report_published_on,
-- kind, theme, text, status, is_open, target_original, target_current, days_overdue, owner, owner_title (the owner's
-- job title, from the directory), owner_public (whether the directory says the owner is publicly named), withheld
-- (a reviewer's latest say withholds it, whenever made), withheld_reason, update_on, update_status, update_text (the
-- latest update on or before the date whose text is public).
-- Params: $filters.
WITH items AS (SELECT * FROM filtered($filters)),
latest AS (
    SELECT key, arg_max(on_date, (on_date, position)) AS update_on, arg_max(status, (on_date, position)) AS status,
           arg_max(text, (on_date, position)) AS text
    FROM updates
    WHERE public AND text IS NOT NULL AND on_date <= $filters['as_of']::DATE AND key IN (SELECT key FROM items)
    GROUP BY key
)
SELECT i.key, i.id, i.report, i.report_title, rp.published_on AS report_published_on, i.kind, i.theme, i.text,
       i.status, i.is_open, i.target_original, i.target_current, i.days_overdue, i.owner, p.job_title AS owner_title,
       coalesce(p.public_name, false) AS owner_public, coalesce(w.withheld, false) AS withheld,
       CASE WHEN w.withheld THEN w.reason END AS withheld_reason, l.update_on, l.status AS update_status,
       l.text AS update_text
FROM items i
JOIN reports rp ON rp.id = i.report
LEFT JOIN current_people p ON p.person_id = i.owner_id AND p.active
LEFT JOIN withholdings w ON w.key = i.key
LEFT JOIN latest l ON l.key = i.key
ORDER BY coalesce(rp.published_on, DATE '1900-01-01'), i.report, i.id, i.key
