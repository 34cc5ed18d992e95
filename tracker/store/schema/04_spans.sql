-- name: 04_spans :script
-- How the derived spans are computed, as macros over `updates` and `rec_base` as the connection sees them: every
-- write runs them for every recommendation (derived/refresh.sql), and a reader runs them for the few recommendations
-- new events touched (store/copy.py, derive), over the imported history plus the rows the workflow adds.
-- p_keys: the recommendation keys to compute, or null for all. Updates of a retracted import do not count.

-- The target in force over a span: the latest target a dated update stated (stated_target, read from a comment when
-- it was imported, or set by an accepted revision or a board) up to the span; the original target before the first.
-- The imported current target is what the data says now, so it holds over the last span of the imported history
-- (the last span of all, or the one a decision taken in the app ends), unless the latest stated target came from
-- such a decision, which is newer than anything imported. An item whose imported history never states a target has
-- no target history before its first decision, and its current target applies over all of it: recording a decision
-- never changes what an earlier day showed.
CREATE OR REPLACE MACRO status_span_rows(p_keys) AS TABLE
WITH days AS (
    SELECT u.key, u.on_date,
           arg_max(u.status, u.position) FILTER (WHERE u.status IS NOT NULL) AS day_status,
           bool_or(u.status = 'complete') AS day_complete,
           count(*) AS n,
           arg_max(u.stated_target, u.position) FILTER (WHERE u.stated_target IS NOT NULL) AS day_target,
           arg_max(u.decided, u.position) FILTER (WHERE u.stated_target IS NOT NULL) AS day_target_decided,
           arg_max(u.percent, u.position) FILTER (WHERE u.percent IS NOT NULL) AS day_percent
    FROM updates u
    WHERE (p_keys IS NULL OR list_contains(p_keys::VARCHAR[], u.key))
      AND NOT EXISTS (SELECT 1 FROM retracted_imports x WHERE x.import_id = u.import_id)
    GROUP BY u.key, u.on_date
),
running AS (
    SELECT b.rid, d.key, d.on_date,
           lead(d.on_date, 1, DATE '9999-12-31') OVER w AS valid_to,
           last_value(d.day_status IGNORE NULLS) OVER w AS status,
           max(CASE WHEN d.day_complete THEN d.on_date END) OVER w AS completed_on,
           max(CASE WHEN d.day_status IS NOT NULL THEN d.on_date END) OVER w AS status_on,
           sum(d.n) OVER w AS n_updates,
           last_value(d.day_target IGNORE NULLS) OVER w AS stated,
           last_value(d.day_target_decided IGNORE NULLS) OVER w AS stated_decided,
           count(d.day_target) FILTER (WHERE NOT d.day_target_decided) OVER (PARTITION BY d.key) > 0 AS has_imported,
           min(CASE WHEN d.day_target_decided THEN d.on_date END) OVER (PARTITION BY d.key) AS first_decided_on,
           last_value(d.day_percent IGNORE NULLS) OVER w AS percent,
           max(CASE WHEN d.day_percent IS NOT NULL THEN d.on_date END) OVER w AS percent_on,
           b.target_original, b.target_current
    FROM days d
    JOIN rec_base b USING (key)
    WINDOW w AS (PARTITION BY d.key ORDER BY d.on_date ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
)
SELECT rid, on_date AS valid_from, valid_to, status, completed_on, n_updates::INTEGER AS n_updates,
       CASE WHEN coalesce(stated_decided, false) THEN stated
            WHEN valid_to = DATE '9999-12-31' THEN target_current
            WHEN (first_decided_on IS NULL OR on_date < first_decided_on)
             AND (NOT has_imported OR valid_to = first_decided_on) THEN target_current
            ELSE coalesce(stated, target_original) END AS target,
       status_on, percent, percent_on
FROM running;

-- Each day with a comment, and that day's last comment, valid until the next day with one.
CREATE OR REPLACE MACRO comment_span_rows(p_keys) AS TABLE
WITH days AS (
    SELECT key, on_date, arg_max(text, position) AS text
    FROM updates u
    WHERE (p_keys IS NULL OR list_contains(p_keys::VARCHAR[], key)) AND text IS NOT NULL AND trim(text) <> ''
      AND NOT EXISTS (SELECT 1 FROM retracted_imports x WHERE x.import_id = u.import_id)
    GROUP BY key, on_date
)
SELECT b.rid, d.on_date AS valid_from,
       lead(d.on_date, 1, DATE '9999-12-31') OVER (PARTITION BY d.key ORDER BY d.on_date) AS valid_to, d.text
FROM days d
JOIN rec_base b USING (key);
