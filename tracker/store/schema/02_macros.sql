-- Table macros every query builds on: each recommendation's state as it stood on a date, then filtered.

CREATE OR REPLACE MACRO rec_state(p_as_of, p_stale_days) AS TABLE
WITH history AS (
    -- The one span per recommendation that holds the date: no aggregation over the history.
    SELECT rid, status, valid_from AS last_update_on, completed_on, n_updates, target
    FROM status_spans
    WHERE valid_from <= p_as_of::DATE AND p_as_of::DATE < valid_to
)
SELECT
    r.key, r.id, r.force, r.report, r.report_title, r.kind, r.theme, r.text,
    r.published_on, r.owner, r.overseer, r.board, r.target_original,
    -- The target in force on the date (from the dated history; today's target when there is none).
    coalesce(h.target, r.target_current) AS target_current,
    r.target_current AS target_latest,
    coalesce(h.status, 'no-status') AS status,
    coalesce(h.status, 'no-status') NOT IN ('complete', 'superseded') AS is_open,
    h.last_update_on,
    coalesce(h.n_updates, 0) AS n_updates,
    CASE WHEN h.status = 'complete' THEN h.completed_on END AS completed_on,
    CASE WHEN h.status = 'complete' THEN h.completed_on - r.published_on END AS days_to_complete,
    p_as_of::DATE - r.published_on AS age_days,
    CASE
        WHEN coalesce(h.status, 'no-status') NOT IN ('complete', 'superseded')
         AND coalesce(h.target, r.target_current) < p_as_of::DATE
        THEN p_as_of::DATE - coalesce(h.target, r.target_current)
    END AS days_overdue,
    -- An item with no update and no known publication date cannot be judged stale: it counts as not stale.
    coalesce(coalesce(h.status, 'no-status') NOT IN ('complete', 'superseded')
        AND p_as_of::DATE - coalesce(h.last_update_on, r.published_on) > p_stale_days, false) AS is_stale,
    p_as_of::DATE - coalesce(h.last_update_on, r.published_on) AS days_since_update
FROM rec_base r
LEFT JOIN history h USING (rid)
-- Unknown publication dates (null) count as published: the item exists, only its age is unknown.
WHERE r.published_on IS NULL OR r.published_on <= p_as_of::DATE;

CREATE OR REPLACE MACRO filtered(p_as_of, p_stale_days, p_forces, p_themes, p_reports, p_kinds, p_statuses, p_owners, p_q) AS TABLE
SELECT *
FROM rec_state(p_as_of, p_stale_days)
WHERE (p_forces IS NULL OR list_contains(p_forces, force))
  AND (p_themes IS NULL OR list_contains(p_themes, theme))
  AND (p_reports IS NULL OR list_contains(p_reports, report_title))
  AND (p_kinds IS NULL OR list_contains(p_kinds, kind))
  AND (p_statuses IS NULL OR list_contains(p_statuses, status))
  AND (p_owners IS NULL OR list_contains(p_owners, owner))
  AND (p_q IS NULL OR contains(lower(text), lower(p_q)) OR contains(lower(report_title), lower(p_q))
       OR contains(lower(coalesce(owner, '')), lower(p_q)) OR contains(key, lower(p_q)));
