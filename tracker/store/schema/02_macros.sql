-- name: 02_macros :script
-- Table macros every query builds on: each recommendation's state as it stood on a date, then filtered.

-- The statuses that close an item (tracker.core.statuses.CLOSED): complete, and those that close it without its being
-- implemented (CLOSED_APART: superseded, no further action needed, risk accepted, carried forward), which stand apart
-- from the funnel and the implementation rate. A closed item is not open and never overdue.
CREATE OR REPLACE MACRO closed_apart(status) AS
    coalesce(status IN ('superseded', 'no-further-action-needed', 'risk-accepted', 'carried-forward'), false);
CREATE OR REPLACE MACRO is_closed(status) AS coalesce(status = 'complete' OR closed_apart(status), false);

-- An item's original target, which never changes: the one the commissioner's published response gave it
-- (response_targets), else the imported one. Its moves (target_moves) and its slip count from it.
CREATE OR REPLACE MACRO original_target(imported, responded) AS coalesce(responded, imported);

CREATE OR REPLACE MACRO rec_state(p_as_of, p_stale_days) AS TABLE
WITH history AS (
    -- The one span per recommendation that holds the date: no aggregation over the history.
    SELECT rid, status, valid_from AS last_update_on, completed_on, n_updates, target, status_on, percent, percent_on
    FROM status_spans
    WHERE valid_from <= p_as_of::DATE AND p_as_of::DATE < valid_to
)
SELECT
    r.key, r.id, r.force, r.report, r.report_title, r.kind, r.theme, r.text,
    r.published_on, r.owner, r.overseer, r.owner_id, r.overseer_id, r.board,
    original_target(r.target_original, rt.target) AS target_original,
    -- The target in force on the date (from the dated history; today's target when there is none).
    coalesce(h.target, r.target_current) AS target_current,
    r.target_current AS target_latest,
    coalesce(h.status, 'no-status') AS status,
    NOT is_closed(h.status) AS is_open,
    h.last_update_on,
    coalesce(h.n_updates, 0) AS n_updates,
    CASE WHEN h.status = 'complete' THEN h.completed_on END AS completed_on,
    CASE WHEN h.status = 'complete' THEN h.completed_on - r.published_on END AS days_to_complete,
    -- The day a closed item closed: completed, or closed apart (where time to completion is censored).
    CASE WHEN h.status = 'complete' THEN h.completed_on WHEN closed_apart(h.status) THEN h.status_on END AS closed_on,
    p_as_of::DATE - r.published_on AS age_days,
    CASE
        WHEN NOT is_closed(h.status)
         AND coalesce(h.target, r.target_current) < p_as_of::DATE
        THEN p_as_of::DATE - coalesce(h.target, r.target_current)
    END AS days_overdue,
    -- An item with no update and no known publication date cannot be judged stale: it counts as not stale.
    coalesce(NOT is_closed(h.status)
        AND p_as_of::DATE - coalesce(h.last_update_on, r.published_on) > p_stale_days, false) AS is_stale,
    p_as_of::DATE - coalesce(h.last_update_on, r.published_on) AS days_since_update,
    -- A national body's copy (the NPCC, the College of Policing…), not a force's.
    r.force IN (SELECT name FROM bodies) AS is_body,
    -- The cause of concern it answers (its key): an analyst's latest say, else its import's.
    CASE WHEN ac.key IS NOT NULL THEN ac.cause_key ELSE r.cause_key END AS cause_key,
    r.peel_question,
    -- Its priority on the date (1 high, 2, 3; null: none set), and why.
    pr.priority, pr.priority_reason,
    -- Its latest percent complete by the date (an imported update's, or an accepted submission's; null: none), and
    -- the day it was given: what its force's RAG rule rates (tracker.core.rag).
    h.percent, h.percent_on,
    -- Where it comes from (data/sources.csv), the source's reference, whom it is addressed to, and the last day to
    -- answer it by its source's clock (tracker.core.sources.answer_by, worked out at import).
    r.source, r.source_ref, r.addressee, r.answer_by
FROM rec_base r
LEFT JOIN history h USING (rid)
LEFT JOIN response_targets rt ON rt.key = r.key
LEFT JOIN analyst_causes ac ON ac.key = r.key
LEFT JOIN (SELECT key, arg_max(priority, seq) AS priority, arg_max(reason, seq) AS priority_reason
           FROM priority_events WHERE on_date <= p_as_of::DATE GROUP BY key) pr ON pr.key = r.key
-- Unknown publication dates (null) count as published: the item exists, only its age is unknown.
WHERE r.published_on IS NULL OR r.published_on <= p_as_of::DATE;

-- An item's clock, for every source: it falls due on its target, else (a coroner's concern or an IOPC
-- recommendation before its answer gives a timetable) on the day to answer it by (answer_by, its source's legal clock).
-- An open item with no target yet whose answer-by day has passed is past_answer_by; past a target it is overdue
-- (days_overdue), as everywhere else.
CREATE OR REPLACE MACRO due_on(target_current, answer_by) AS coalesce(target_current, answer_by);
CREATE OR REPLACE MACRO past_answer_by(is_open, target_current, answer_by, as_of) AS
    coalesce(is_open AND target_current IS NULL AND answer_by < as_of::DATE, false);

-- How many days overdue, as the ageing bucket every page and the pack show (0 for none); its label is bucket_label.
CREATE OR REPLACE MACRO ageing_bucket(days) AS
    CASE WHEN days IS NULL OR days <= 0 THEN 0 WHEN days <= 30 THEN 1 WHEN days <= 90 THEN 2 WHEN days <= 180 THEN 3 ELSE 4 END;

CREATE OR REPLACE MACRO bucket_label(bucket) AS
    ['not yet due', '0–30', '31–90', '91–180', 'over 180'][bucket + 1];

-- The one way every query reads recommendations: their state on p['as_of'], narrowed by the filters in p, a STRUCT
-- with as_of, stale_days, forces, themes, reports, kinds, statuses, owners, boards, sources (lists, or null for all) and q, and limited
-- to p['scope']: the forces the reader may see (null for all: a national reader or the command line). The scope is
-- set from the reader's identity in one place (tracker.app.data), never from the URL. p['overdue_from'] says what
-- days_overdue counts from: 'original' (the report's target), else the latest agreed target in force on the date.
CREATE OR REPLACE MACRO filtered(p) AS TABLE
SELECT * REPLACE (
    CASE WHEN p['overdue_from'] = 'original'
         THEN CASE WHEN is_open AND target_original < p['as_of']::DATE THEN p['as_of']::DATE - target_original END
         ELSE days_overdue END AS days_overdue)
FROM rec_state(p['as_of']::DATE, p['stale_days']::INTEGER)
WHERE (p['scope'] IS NULL OR list_contains(p['scope']::VARCHAR[], force))
  AND (p['forces'] IS NULL OR list_contains(p['forces']::VARCHAR[], force))
  AND (p['themes'] IS NULL OR list_contains(p['themes']::VARCHAR[], theme))
  AND (p['reports'] IS NULL OR list_contains(p['reports']::VARCHAR[], report_title))
  AND (p['kinds'] IS NULL OR list_contains(p['kinds']::VARCHAR[], kind))
  AND (p['statuses'] IS NULL OR list_contains(p['statuses']::VARCHAR[], status))
  AND (p['owners'] IS NULL OR list_contains(p['owners']::VARCHAR[], owner))
  AND (p['boards'] IS NULL OR list_contains(p['boards']::VARCHAR[], board))
  AND (p['q'] IS NULL OR contains(lower(text), lower(p['q']::VARCHAR)) OR contains(lower(report_title), lower(p['q']::VARCHAR))
       OR contains(lower(coalesce(owner, '')), lower(p['q']::VARCHAR)) OR contains(key, lower(p['q']::VARCHAR)))
  AND (p['ids'] IS NULL OR list_contains(p['ids']::INTEGER[], id))
  AND (p['priorities'] IS NULL OR list_contains(p['priorities']::INTEGER[], priority))
  AND (p['sources'] IS NULL OR list_contains(p['sources']::VARCHAR[], source))
  -- National bodies' copies stay out of everything that compares or totals forces, unless asked for (the national
  -- view), or named by the force filter or the reader's own scope (a body's own staff).
  AND (NOT is_body OR p['with_bodies'] OR list_contains(coalesce(p['forces']::VARCHAR[], []), force)
       OR list_contains(coalesce(p['scope']::VARCHAR[], []), force));

