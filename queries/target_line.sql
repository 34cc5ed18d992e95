-- name: target_line :many
-- Returns the line of targets of recommendation $key up to the filters' date, oldest first, each a change from the
-- one before (none when the filters do not select it): on_date, target, how ('original', 'stated in an update',
-- 'revision accepted', 'agreed by a board'), proposed_by (who proposed a revision), agreed (who accepted or agreed
-- it, and when), reason (the row's text, which says why).
-- Params: $filters, $key.
WITH item AS (
    SELECT key, published_on, target_original FROM filtered($filters) WHERE key = $key
),
line AS (
    SELECT i.published_on AS on_date, i.target_original AS target, 'original' AS how, NULL::VARCHAR AS proposed_by,
           NULL::VARCHAR AS agreed, NULL::VARCHAR AS reason, -1 AS position
    FROM item i WHERE i.target_original IS NOT NULL
    UNION ALL
    SELECT u.on_date, u.stated_target,
           CASE WHEN NOT coalesce(u.decided, false) THEN 'stated in an update'
                WHEN starts_with(u.source, 'board decision') THEN 'agreed by a board'
                ELSE 'revision accepted' END,
           u.author, CASE WHEN u.decided THEN u.review END, u.text, u.position
    FROM updates u JOIN item i USING (key)
    WHERE u.stated_target IS NOT NULL AND u.on_date <= $filters['as_of']::DATE
)
SELECT on_date, target, how, proposed_by, agreed, reason
FROM line
QUALIFY target IS DISTINCT FROM lag(target) OVER (ORDER BY on_date NULLS FIRST, position)
ORDER BY on_date NULLS FIRST, position
