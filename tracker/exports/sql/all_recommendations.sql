-- name: all_recommendations :rows
-- Every recommendation with its report title, in the columns the importer reads (plus key), by force and id:
-- cause_of_concern (the id of the cause of concern it answers as it stands: an analyst's latest say, else its
-- import's), peel_question, its priority as of $as_of (null: every priority event) with priority_reason and
-- priority_on (the day that priority stands from), and withheld_reason (set only while it is withheld from the public
-- site). Params: $as_of.
SELECT r.key, r.id, r.force, rp.title AS report, r.kind, r.theme, r.text, r.published_on,
       r.owner, r.overseer, r.board, r.target_original, r.target_current, r.force_rag AS rag,
       c.id AS cause_of_concern, r.peel_question,
       pr.priority, pr.priority_reason, pr.priority_on, w.reason AS withheld_reason
FROM recommendations r
JOIN reports rp ON rp.id = r.report
JOIN rec_base b ON b.key = r.key
LEFT JOIN analyst_causes ac ON ac.key = r.key
LEFT JOIN recommendations c ON c.key = CASE WHEN ac.key IS NOT NULL THEN ac.cause_key ELSE b.cause_key END
LEFT JOIN (SELECT key, arg_max(priority, seq) AS priority, arg_max(reason, seq) AS priority_reason,
                  arg_max(on_date, seq) AS priority_on
           FROM priority_events
           WHERE $as_of::DATE IS NULL OR on_date <= $as_of::DATE
           GROUP BY key) pr ON pr.key = r.key
LEFT JOIN withholdings w ON w.key = r.key AND w.withheld
ORDER BY r.force, r.id
