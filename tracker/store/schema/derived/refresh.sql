-- Rebuild the derived tables from recommendations, reports and updates (run inside every write's transaction).

DELETE FROM status_spans;
DELETE FROM comment_spans;
DELETE FROM rec_base;

INSERT INTO rec_base BY NAME
SELECT row_number() OVER (ORDER BY r.key)::INTEGER AS rid, r.key, r.id, r.force, r.report, rp.title AS report_title,
       r.kind, r.theme, r.text, r.published_on, r.owner, r.overseer, r.board, r.target_original, r.target_current,
       o.person_id AS owner_id, v.person_id AS overseer_id
FROM recommendations r
JOIN reports rp ON rp.id = r.report
LEFT JOIN name_links o ON o.force = r.force AND o.name = r.owner
LEFT JOIN name_links v ON v.force = r.force AND v.name = r.overseer;

-- The target in force over a span: the latest target a dated comment stated (updates.stated_target, read from the
-- comment when it was imported) up to the span; the original target before the first such comment; the current
-- target over the last span, because the current target is what the data says now. An item whose comments never
-- state a target has no target history, and its current target applies throughout.
INSERT INTO status_spans
WITH days AS (
    SELECT u.key, u.on_date,
           arg_max(u.status, u.position) FILTER (WHERE u.status IS NOT NULL) AS day_status,
           bool_or(u.status = 'complete') AS day_complete,
           count(*) AS n
    FROM updates u
    GROUP BY u.key, u.on_date
),
day_targets AS (
    SELECT key, on_date, arg_max(stated_target, position) AS day_target
    FROM updates
    WHERE stated_target IS NOT NULL
    GROUP BY key, on_date
),
running AS (
    SELECT b.rid, d.key, d.on_date,
           lead(d.on_date, 1, DATE '9999-12-31') OVER w AS valid_to,
           last_value(d.day_status IGNORE NULLS) OVER w AS status,
           max(CASE WHEN d.day_complete THEN d.on_date END) OVER w AS completed_on,
           sum(d.n) OVER w AS n_updates,
           last_value(t.day_target IGNORE NULLS) OVER w AS stated,
           count(t.day_target) OVER (PARTITION BY d.key) > 0 AS has_history,
           b.target_original, b.target_current
    FROM days d
    JOIN rec_base b USING (key)
    LEFT JOIN day_targets t USING (key, on_date)
    WINDOW w AS (PARTITION BY d.key ORDER BY d.on_date ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
)
SELECT rid, on_date, valid_to, status, completed_on, n_updates,
       CASE WHEN NOT has_history OR valid_to = DATE '9999-12-31' THEN target_current
            ELSE coalesce(stated, target_original) END
FROM running
ORDER BY on_date;

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
