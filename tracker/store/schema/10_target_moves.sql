-- name: 10_target_moves :script
-- An item's target moves: the one rule the recommendation page, the Overdue page, the meeting, the packs, a write's
-- rules and the command line count them by.

-- Each move of a recommendation's target by day d (only the items p_keys; null for every item): each time the target
-- in force (status_spans: the target rec_state reads on every day) differs from the one before it, counted from the
-- original target (original_target), which never changes. A first target set where there was none is not a move.
-- Columns: key, on_date (the day the new target took effect), from_target, target. The rule itself: target_moves says
-- who agreed each, move_counts counts them.
CREATE OR REPLACE MACRO target_changes(d, p_keys) AS TABLE
WITH items AS (
    SELECT b.rid, b.key, original_target(b.target_original, rt.target) AS target_original
    FROM rec_base b
    LEFT JOIN response_targets rt ON rt.key = b.key
    WHERE p_keys IS NULL OR list_contains(p_keys::VARCHAR[], b.key)
),
line AS (
    SELECT s.rid, s.valid_from AS on_date, s.target,
           lag(s.target) OVER (PARTITION BY s.rid ORDER BY s.valid_from) AS before
    FROM status_spans s
    WHERE s.valid_from <= d::DATE AND s.target IS NOT NULL
      AND (p_keys IS NULL OR s.rid IN (SELECT rid FROM items))
)
SELECT i.key, l.on_date, coalesce(l.before, i.target_original) AS from_target, l.target
FROM line l
JOIN items i USING (rid)
WHERE coalesce(l.before, i.target_original) IS NOT NULL AND l.target <> coalesce(l.before, i.target_original);

-- Each move of a recommendation's target by day d (target_changes; only the items p_keys, null for every item),
-- oldest first, with who agreed it. Columns: key, move (1 for the first), on_date (the day the new target took
-- effect), from_target, target, slip_days (this move's: target less from_target), how ('agreed by a reviewer' alone,
-- 'agreed by a board' at a meeting, or 'in the imported data': stated in an imported update, or the force's own
-- current target, where nobody's agreement is recorded), agreed_by (the reviewer, or the meeting's chair), role
-- (theirs), meeting, board and held_on (the meeting's), proposed_by (the lead whose extension request it answered),
-- request (that submission's number), reason.
CREATE OR REPLACE MACRO target_moves(d, p_keys) AS TABLE
WITH mine AS (
    SELECT * FROM events
    WHERE kind IN ('submission', 'decision', 'target') AND (p_keys IS NULL OR list_contains(p_keys::VARCHAR[], key))
),
agreements AS (
    -- An extension request (a submission proposing a target) whose latest decision accepts it, and a target a board's
    -- chair agreed at a meeting: who agreed it, on the day it took effect.
    SELECT d.key, d.on_date, s.target, d.seq, d.actor AS agreed_by, d.role, d.meeting, s.actor AS proposed_by,
           s.seq AS request, s.reason
    FROM mine d
    JOIN mine s ON s.seq = d.submission AND s.kind = 'submission' AND s.target IS NOT NULL
    WHERE d.kind = 'decision'
    QUALIFY d.seq = max(d.seq) OVER (PARTITION BY d.submission) AND d.decision = 'accept'
    UNION ALL
    SELECT key, on_date, target, seq, actor, role, meeting, NULL, NULL, reason
    FROM mine
    WHERE kind = 'target'
),
latest AS (  -- of several agreements of the same target on the same day, the last made
    SELECT * FROM agreements
    QUALIFY row_number() OVER (PARTITION BY key, on_date, target ORDER BY seq DESC) = 1
)
SELECT c.key, row_number() OVER (PARTITION BY c.key ORDER BY c.on_date) AS move, c.on_date, c.from_target, c.target,
       c.target - c.from_target AS slip_days,
       CASE WHEN a.seq IS NULL THEN 'in the imported data'
            WHEN a.meeting IS NULL THEN 'agreed by a reviewer'
            ELSE 'agreed by a board' END AS how,
       a.agreed_by, a.role, a.meeting, m.board, m.held_on, a.proposed_by, a.request, a.reason
FROM target_changes(d, p_keys) c
LEFT JOIN latest a ON a.key = c.key AND a.on_date = c.on_date AND a.target = c.target
LEFT JOIN meetings m ON m.meeting_id = a.meeting
ORDER BY c.key, c.on_date;

-- How many times each recommendation's target has moved by day d (only the items p_keys; null for every item), by
-- target_changes: key, moves, last_moved_on. An item whose target never moved has no row (it has 0 moves).
CREATE OR REPLACE MACRO move_counts(d, p_keys) AS TABLE
SELECT key, count(*) AS moves, max(on_date) AS last_moved_on
FROM target_changes(d, p_keys)
GROUP BY key;
