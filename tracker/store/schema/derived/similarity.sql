-- name: similarity :script
-- Rebuild the related recommendations' weights from rec_base (after refresh.sql, on a replica's copy; a write's own
-- copy of a few items reads none of them).

-- Each recommendation's words as TF-IDF weights (schema/01_tables_findings.sql says how).
DELETE FROM term_weights;
INSERT INTO term_weights
WITH words AS (
    SELECT key, id, force, report, unnest(regexp_split_to_array(lower(text), '[^a-z]+')) AS term FROM rec_base
),
counted AS (
    SELECT key, id, force, report, term, count(*) AS tf
    FROM words
    WHERE length(term) >= 3 AND term NOT IN (
        'the', 'and', 'that', 'for', 'with', 'are', 'its', 'their', 'should', 'this', 'from', 'have', 'has', 'all',
        'any', 'can', 'not', 'but', 'they', 'them', 'which', 'who', 'will', 'when', 'where', 'into', 'our', 'was',
        'were', 'been', 'being', 'how', 'what', 'there', 'than', 'also', 'each', 'such', 'more', 'most', 'other')
    GROUP BY ALL
),
idf AS (
    SELECT term, ln((SELECT count(*) FROM rec_base) / count(*)) AS idf FROM counted GROUP BY term
),
raw AS (
    SELECT c.key, c.id, c.force, c.report, c.term, c.tf * i.idf AS w FROM counted c JOIN idf i USING (term) WHERE i.idf > 0
)
SELECT key, id, force, report, term, w / sqrt(sum(w * w) OVER (PARTITION BY key)) AS weight
FROM raw
ORDER BY force, term;

DELETE FROM item_vectors;
INSERT INTO item_vectors
SELECT key, any_value(force), any_value(report), list(term ORDER BY term), list(weight ORDER BY term)
FROM term_weights
GROUP BY key
ORDER BY key;
