-- Rebuild the derived tables from recommendations, reports and updates (run inside every write's transaction).

DELETE FROM status_spans;
DELETE FROM comment_spans;
DELETE FROM rec_base;

INSERT INTO rec_base
SELECT row_number() OVER (ORDER BY r.key)::INTEGER AS rid, r.key, r.id, r.force, r.report, rp.title, r.kind, r.theme,
       r.text, r.published_on, r.owner, r.overseer, r.board, r.target_original, r.target_current
FROM recommendations r
JOIN reports rp ON rp.id = r.report;

INSERT INTO status_spans
WITH days AS (
    SELECT key, on_date,
           arg_max(status, position) FILTER (WHERE status IS NOT NULL) AS day_status,
           bool_or(status = 'complete') AS day_complete,
           count(*) AS n
    FROM updates
    GROUP BY key, on_date
)
SELECT b.rid,
       d.on_date,
       lead(d.on_date, 1, DATE '9999-12-31') OVER w,
       last_value(d.day_status IGNORE NULLS) OVER w,
       max(CASE WHEN d.day_complete THEN d.on_date END) OVER w,
       sum(d.n) OVER w
FROM days d
JOIN rec_base b USING (key)
WINDOW w AS (PARTITION BY d.key ORDER BY d.on_date ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
ORDER BY d.on_date;

INSERT INTO comment_spans
WITH days AS (
    SELECT key, on_date, arg_max(text, position) AS text
    FROM updates
    WHERE text IS NOT NULL AND trim(text) <> ''
    GROUP BY key, on_date
)
SELECT b.rid, d.on_date, lead(d.on_date, 1, DATE '9999-12-31') OVER (PARTITION BY d.key ORDER BY d.on_date), d.text
FROM days d
JOIN rec_base b USING (key)
ORDER BY b.rid;
