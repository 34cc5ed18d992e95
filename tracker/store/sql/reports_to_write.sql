-- name: reports_to_write :rows
-- DuckDB, on an import's own copy of its items and reports: each report of the batch (batch_reports) as it is to be
-- held, where that differs from what is held: a new report as the batch gives it; a held one keeps its title and
-- inspectorate and the earlier of the two publication dates. In the columns {columns} of reports.
-- No parameters.
SELECT {columns} FROM (
    SELECT b.id::VARCHAR AS id,
           CASE WHEN r.id IS NULL THEN b.title::VARCHAR ELSE r.title END AS title,
           CASE WHEN r.id IS NULL THEN b.published_on::DATE
                ELSE least(r.published_on, b.published_on::DATE) END AS published_on,
           CASE WHEN r.id IS NULL THEN b.inspectorate::VARCHAR ELSE r.inspectorate END AS inspectorate
    FROM batch_reports b LEFT JOIN reports r ON r.id = b.id::VARCHAR
    EXCEPT
    SELECT id, title, published_on, inspectorate FROM reports
)
