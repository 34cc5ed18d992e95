-- name: publish_responses :items
-- Returns the commissioner's published response to each report the filters select, for each force area in them, as
-- it stood on the filters' date: report, force, published_on (the report's), deadline, first_published, on_time,
-- address, version (the latest version published by then), published_at, overall (that version's comments as
-- approved and published: its latest draft saved before its approval; none when it was published outside the
-- tracker). Reports with no published response have no row.
-- Params: $filters, $days.
WITH s AS (SELECT * FROM response_standing($filters, $days)),
published AS (
    SELECT report, force, arg_max(version, step_id) AS version, arg_max(made_at, step_id) AS published_at,
           max(step_id) AS publish_step
    FROM responses
    WHERE kind = 'publish' AND on_date <= $filters['as_of']::DATE
    GROUP BY report, force
),
wording AS (  -- the text the commissioner approved: none for a response published outside the tracker
    SELECT p.report, p.force, arg_max(r.overall, r.step_id) AS overall
    FROM published p
    JOIN responses a ON a.report = p.report AND a.force = p.force AND a.version = p.version AND a.kind = 'approve'
                    AND a.step_id < p.publish_step
    JOIN responses r ON r.report = p.report AND r.force = p.force AND r.version = p.version AND r.kind = 'draft'
                    AND r.step_id < a.step_id
    GROUP BY p.report, p.force
)
SELECT s.report, s.force, s.published_on, s.deadline, s.first_published, s.on_time, s.address, p.version,
       p.published_at, w.overall
FROM s
JOIN published p ON p.report = s.report AND p.force = s.force
LEFT JOIN wording w ON w.report = s.report AND w.force = s.force
ORDER BY s.report, s.force
