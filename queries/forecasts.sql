-- name: forecasts :items
-- Returns a forecast for every open recommendation the filters select whose publication date is known, from the
-- Kaplan–Meier curve of comparable items (the same kind and theme, every item the reader may see), given how long it
-- has been open (the conditional curve S(t) / S(age)):
--   key, id, force, report_title, text, owner, status, target_current, days_overdue, grp (kind · theme), basis (how
--   many comparable items), age (days open), p_by_target (chance it is complete by its current target: 0 when the
--   target has passed, null with no target), expected_on (the date the conditional curve reaches one half: null when
--   the comparable items never get there). Only recommendation $key when it is not null.
-- Params: $filters, $key.
WITH comparable AS (SELECT * FROM km(comparables($filters), 'kind_theme')),
curve AS (SELECT grp, t, s FROM comparable WHERE events > 0),
basis AS (SELECT grp, max(at_risk) AS basis FROM comparable GROUP BY grp),
open AS (
    SELECT key, id, force, report_title, text, owner, status, days_overdue, kind || ' · ' || theme AS grp,
           published_on, target_current, $filters['as_of']::DATE - published_on AS age,
           target_current - published_on AS target_age
    FROM filtered($filters)
    WHERE is_open AND published_on IS NOT NULL AND ($key IS NULL OR key = $key)
),
at_age AS (
    SELECT o.*, coalesce(c.s, 1.0) AS s_age
    FROM open o ASOF LEFT JOIN curve c ON o.grp = c.grp AND o.age >= c.t
),
at_target AS (
    SELECT a.*, coalesce(c.s, 1.0) AS s_target
    FROM at_age a ASOF LEFT JOIN curve c ON a.grp = c.grp AND a.target_age >= c.t
),
halfway AS (
    SELECT t.*, c.t AS median_t
    FROM at_target t ASOF LEFT JOIN curve c ON t.grp = c.grp AND 0.5 * t.s_age + 1e-12 >= c.s  -- 1e-12: exactly half, whatever the rounding
)
SELECT h.key, h.id, h.force, h.report_title, h.text, h.owner, h.status, h.target_current, h.days_overdue, h.grp,
       coalesce(b.basis, 0) AS basis, h.age,
       CASE WHEN h.target_current IS NULL THEN NULL
            WHEN h.target_age <= h.age THEN 0.0
            WHEN h.s_age <= 0 THEN NULL
            ELSE 1 - h.s_target / h.s_age END AS p_by_target,
       h.published_on + h.median_t::INTEGER AS expected_on
FROM halfway h
LEFT JOIN basis b USING (grp)
ORDER BY h.key
