-- name: activity :items
-- Returns the audit trail, newest first: every workflow event on recommendations the filters select (all of them when
-- $key is null, else that one's), and, for a reader who may see every force and when $key is null, the writes to the
-- analytic file too (imports, directory changes, name links, demo builds); with $key null, every step of the
-- statutory responses of the force areas the reader may see (action 'response: draft', …; detail the report, the
-- force and the version; before and after the stage). Columns: made_at, actor, role, source,
-- action (submission, withdrawal, decision: accept / return, risk acceptance proposed, carried forward into KEY, import,
-- …), key, submission, detail (the comment, the proposed status and target, the reason), before, after (JSON), seq
-- (the event's number; null for the file's writes).
-- Only rows whose actor, action, key or detail hold $search (any case; null: every row), newest first, $limit of them
-- after skipping $offset (a page of the trail).
-- Params: $filters, $key, $search, $limit, $offset.
SELECT * EXCLUDE (ord) FROM (
    SELECT e.made_at, e.actor, e.role, e.source,
           CASE e.kind WHEN 'decision' THEN 'decision: ' || e.decision
                       WHEN 'closure_decision' THEN 'closure decision: ' || e.decision
                       WHEN 'closure_request' THEN 'closure request'
                       WHEN 'risk_proposal' THEN 'risk acceptance proposed'
                       WHEN 'risk_sign_off' THEN 'risk acceptance signed off: ' || e.decision
                       WHEN 'risk_noting' THEN 'risk acceptance noted by the board'
                       WHEN 'risk_withdrawal' THEN 'risk acceptance withdrawn'
                       WHEN 'carry_forward' THEN 'carried forward into ' || json_extract_string(e.after, '$.to')
                       ELSE e.kind END AS action,
           e.key, coalesce(e.submission, CASE WHEN e.kind = 'submission' THEN e.seq END) AS submission,
           concat_ws(' · ', e.comment, 'status ' || e.status, 'target ' || strftime(e.target, '%Y-%m-%d'), e.reason) AS detail,
           e.before, e.after, e.seq, e.seq AS ord
    FROM events e
    WHERE e.key IN (SELECT key FROM filtered($filters))
      AND ($key IS NULL OR e.key = $key)
    UNION ALL
    SELECT a.made_at, a.actor, a.role, a.source, a.action, NULL, NULL, a.entity, a.before, a.after, NULL, a.rowid
    FROM audit a
    WHERE $key IS NULL AND $filters['scope'] IS NULL
    UNION ALL
    SELECT r.made_at, r.actor, r.role, r.source, 'response: ' || r.kind, NULL, NULL,
           r.report || ' · ' || r.force || ' · version ' || r.version,
           json_object('stage', r.stage_before)::VARCHAR, json_object('stage', r.stage_after)::VARCHAR, NULL, r.step_id
    FROM responses r
    WHERE $key IS NULL AND ($filters['scope'] IS NULL OR list_contains($filters['scope']::VARCHAR[], r.force))
)
WHERE $search::VARCHAR IS NULL
   OR contains(lower(concat_ws(' ', actor, action, key, detail)), lower($search::VARCHAR))
-- Newest first; within one second, in the order written (an event's number, an audit row's place in its table).
ORDER BY made_at DESC, seq IS NULL, ord DESC
LIMIT $limit OFFSET $offset
