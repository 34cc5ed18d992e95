-- name: similar_by_string :rows
-- The $k recommendations of the same force in other reports most like recommendation $key's text (or $text, when
-- given), by a DuckDB string similarity of the whole texts: $method, 'jaccard' or 'jaro_winkler'. Returns key,
-- similarity. Params: $key, $text, $k, $method.
WITH me AS (SELECT key, force, report, coalesce($text, text) AS text FROM rec_base WHERE key = $key)
SELECT o.key,
       CASE $method WHEN 'jaccard' THEN jaccard(lower(o.text), lower(me.text))
                    WHEN 'jaro_winkler' THEN jaro_winkler_similarity(lower(o.text), lower(me.text)) END AS similarity
FROM rec_base o, me
WHERE o.force = me.force AND o.report <> me.report
ORDER BY similarity DESC, o.key
LIMIT $k
