-- name: 10_target_moves :script
-- An item's target moves: the one rule the recommendation page, the Overdue page, the meeting, the packs, a write's
-- rules and the command line count them by.

-- Each move of a recommendation's target by day d (only the items p_keys; null for every item), oldest first: each
-- time the target in force (status_spans: the target rec_state reads on every day) differs from the one before it,
-- counted from the original target (original_target), which never changes. A first target set where there was none
-- is not a move. Columns: key, move (1 for the first), on_date (the day the new target took effect), from_target,
-- target, slip_days (this move's: target less from_target), how ('agreed by a reviewer' alone, 'agreed by a board'
-- at a meeting, or 'in the imported data': stated in an imported update, or the force's own current target, where
-- nobody's agreement is recorded), agreed_by (the reviewer, or the meeting's chair), role (theirs), meeting, board
-- and held_on (the meeting's), proposed_by (the lead whose extension request it answered), request (that
-- submission's number), reason.
CREATE OR REPLACE MACRO target_moves(d, p_keys) AS TABLE
WITH line AS (
    SELECT b.key, s.valid_from AS on_date, s.target,
           coalesce(lag(s.target) OVER (PARTITION BY b.key ORDER BY s.valid_from),
                    original_target(b.target_original, rt.target)) AS from_target
    FROM status_spans s
    JOIN rec_base b USING (rid)
    LEFT JOIN response_targets rt ON rt.key = b.key
    WHERE s.valid_from <= d::DATE AND s.target IS NOT NULL
      AND (p_keys IS NULL OR list_contains(p_keys::VARCHAR[], b.key))
),
mine AS (
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
SELECT l.key, row_number() OVER (PARTITION BY l.key ORDER BY l.on_date) AS move, l.on_date, l.from_target, l.target,
       l.target - l.from_target AS slip_days,
       CASE WHEN a.seq IS NULL THEN 'in the imported data'
            WHEN a.meeting IS NULL THEN 'agreed by a reviewer'
            ELSE 'agreed by a board' END AS how,
       a.agreed_by, a.role, a.meeting, m.board, m.held_on, a.proposed_by, a.request, a.reason
FROM line l
LEFT JOIN latest a ON a.key = l.key AND a.on_date = l.on_date AND a.target = l.target
LEFT JOIN meetings m ON m.meeting_id = a.meeting
WHERE l.from_target IS NOT NULL AND l.target <> l.from_target
ORDER BY l.key, l.on_date;

-- How many times each recommendation's target has moved by day d (only the items p_keys; null for every item), by
-- target_moves: key, moves, last_moved_on. An item whose target never moved has no row (it has 0 moves).
CREATE OR REPLACE MACRO move_counts(d, p_keys) AS TABLE
SELECT key, count(*) AS moves, max(on_date) AS last_moved_on
FROM target_moves(d, p_keys)
GROUP BY key;
