-- name: 06_survival :script
-- Time to completion, done as survival analysis: an open item is censored at the date, one closed apart (superseded,
-- no further action needed) at the day it was closed, so a force that closes only its easy items, or a recent cohort, does not look fast.

-- Each recommendation's time from publication (days) and whether completion was observed, grouped by p_split:
-- 'kind', 'theme', 'cohort' (year published), 'force', 'kind_theme' (for forecasts), anything else: one group, 'All'.
-- Items whose publication date is unknown have no time and are left out.
CREATE OR REPLACE MACRO survival_times(p, p_split) AS TABLE
SELECT key, force, kind, theme,
       CASE p_split WHEN 'kind' THEN kind WHEN 'theme' THEN theme WHEN 'cohort' THEN year(published_on)::VARCHAR
                    WHEN 'force' THEN force WHEN 'kind_theme' THEN kind || ' · ' || theme ELSE 'All' END AS grp,
       CASE WHEN status = 'complete' THEN completed_on - published_on
            WHEN closed_apart(status) THEN closed_on - published_on
            ELSE p['as_of']::DATE - published_on END AS t,
       status = 'complete' AS event
FROM filtered(p)
WHERE published_on IS NOT NULL;

-- The Kaplan–Meier estimate for each group at every distinct time (an event or a censoring): t (days), at_risk,
-- events, censored, s (the share not yet complete after t), var (Greenwood's sum), lower and upper (the 95% interval
-- by the log(-log) transform, as lifelines gives it). A time with s = 0 has no interval beyond 0.
CREATE OR REPLACE MACRO km(p, p_split) AS TABLE
WITH times AS (
    SELECT grp, t, count(*) FILTER (WHERE event) AS events, count(*) FILTER (WHERE NOT event) AS censored,
           count(*) AS leaving
    FROM survival_times(p, p_split)
    GROUP BY grp, t
),
risk AS (
    SELECT *, sum(leaving) OVER (PARTITION BY grp ORDER BY t DESC ROWS UNBOUNDED PRECEDING) AS at_risk FROM times
),
curve AS (
    SELECT grp, t, at_risk, events, censored,
           product(1 - events / at_risk) OVER w AS s,
           sum(CASE WHEN events < at_risk THEN events / (at_risk * (at_risk - events)) END) OVER w AS var
    FROM risk
    WINDOW w AS (PARTITION BY grp ORDER BY t ROWS UNBOUNDED PRECEDING)
)
SELECT grp, t, at_risk, events, censored, s, var,
       CASE WHEN s >= 1 THEN 1.0 WHEN s <= 0 THEN 0.0
            ELSE least(exp(-exp(ln(-ln(s)) + 1.959963984540054 * sqrt(var) / ln(s))),
                       exp(-exp(ln(-ln(s)) - 1.959963984540054 * sqrt(var) / ln(s)))) END AS lower,
       CASE WHEN s >= 1 THEN 1.0 WHEN s <= 0 THEN 0.0
            ELSE greatest(exp(-exp(ln(-ln(s)) + 1.959963984540054 * sqrt(var) / ln(s))),
                          exp(-exp(ln(-ln(s)) - 1.959963984540054 * sqrt(var) / ln(s)))) END AS upper
FROM curve;

-- Each group's median time to complete and its 95% interval: the first time the curve (and each bound) is at or below
-- one half; null where it never is (more than half still open). Also n (items), completed, and share_complete_1y (the
-- estimated share complete within a year of publication).
CREATE OR REPLACE MACRO km_median(p, p_split) AS TABLE
SELECT grp,
       min(t) FILTER (WHERE s <= 0.5) AS median,
       min(t) FILTER (WHERE lower <= 0.5) AS median_lower,
       min(t) FILTER (WHERE upper <= 0.5) AS median_upper,
       sum(events + censored) AS n,
       sum(events) AS completed,
       1 - coalesce(arg_max(s, t) FILTER (WHERE t <= 365), 1.0) AS share_complete_1y
FROM km(p, p_split)
GROUP BY grp;

-- The filters' date, stale limit and scope with nothing narrowing: the comparable items forecasts learn from.
CREATE OR REPLACE MACRO comparables(p) AS
    struct_pack(as_of := p['as_of'], stale_days := p['stale_days'], forces := NULL::VARCHAR[],
                themes := NULL::VARCHAR[], reports := NULL::VARCHAR[], kinds := NULL::VARCHAR[],
                statuses := NULL::VARCHAR[], owners := NULL::VARCHAR[], boards := NULL::VARCHAR[], q := NULL::VARCHAR,
                scope := p['scope'], overdue_from := p['overdue_from'], ids := NULL::INTEGER[],
                with_bodies := false, priorities := NULL::INTEGER[], sources := NULL::VARCHAR[]);

-- The log-rank test of one set of forces (p_group) against every other force among the items p selects: observed and
-- expected completions in the set, the variance, and the chi-squared statistic (1 degree of freedom).
CREATE OR REPLACE MACRO logrank(p, p_group) AS TABLE
WITH timed AS (
    SELECT list_contains(p_group::VARCHAR[], force) AS in_group, t, event FROM survival_times(p, 'none')
),
times AS (
    SELECT t, count(*) FILTER (WHERE event AND in_group) AS d_a, count(*) FILTER (WHERE event) AS d,
           count(*) FILTER (WHERE in_group) AS leaving_a, count(*) AS leaving
    FROM timed GROUP BY t
),
risk AS (
    SELECT *, sum(leaving_a) OVER w AS n_a, sum(leaving) OVER w AS n
    FROM times WINDOW w AS (ORDER BY t DESC ROWS UNBOUNDED PRECEDING)
),
terms AS (
    SELECT d_a, d * n_a / n AS e_a,
           CASE WHEN n > 1 THEN d * (n_a / n) * (1 - n_a / n) * (n - d) / (n - 1) ELSE 0 END AS v
    FROM risk WHERE d > 0
)
SELECT sum(d_a) AS observed, sum(e_a) AS expected, sum(v) AS variance,
       CASE WHEN sum(v) > 0 THEN (sum(d_a) - sum(e_a)) ^ 2 / sum(v) END AS chi2
FROM terms;

-- A forecast for every open recommendation p selects whose publication date is known (only those of p_keys when it
-- is not null), from the Kaplan–Meier curve of comparable items (the same kind and theme, every item the reader may
-- see: comparables(p)), given how long it has been open (the conditional curve S(t) / S(age)): key, id, force,
-- report_title, text, owner, status, target_current, days_overdue, grp (kind · theme), basis (how many comparable
-- items), age (days open), p_by_target (chance it is complete by its current target: 0 when the target has passed,
-- null with no target), expected_on (the date the conditional curve reaches one half: null when the comparable items
-- never get there). queries/forecasts.sql and queries/at_risk_items.sql read it.
CREATE OR REPLACE MACRO forecast_rows(p, p_keys) AS TABLE
WITH comparable AS (SELECT * FROM km(comparables(p), 'kind_theme')),
curve AS (SELECT grp, t, s FROM comparable WHERE events > 0),
basis AS (SELECT grp, max(at_risk) AS basis FROM comparable GROUP BY grp),
open AS (
    SELECT key, id, force, report_title, text, owner, status, days_overdue, kind || ' · ' || theme AS grp,
           published_on, target_current, p['as_of']::DATE - published_on AS age,
           target_current - published_on AS target_age
    FROM filtered(p)
    WHERE is_open AND published_on IS NOT NULL AND (p_keys IS NULL OR list_contains(p_keys::VARCHAR[], key))
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
LEFT JOIN basis b USING (grp);
