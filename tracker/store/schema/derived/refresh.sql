-- name: refresh :script
-- Rebuild the derived tables from recommendations, reports and updates (run inside every write's transaction).

DELETE FROM status_spans;
DELETE FROM comment_spans;
DELETE FROM rec_base;

INSERT INTO rec_base BY NAME
SELECT row_number() OVER (ORDER BY r.key)::INTEGER AS rid, r.key, r.id, r.force, r.report, rp.title AS report_title,
       r.kind, r.theme, r.text, r.published_on, r.owner, r.overseer, r.board, r.target_original, r.target_current,
       o.person_id AS owner_id, v.person_id AS overseer_id, c.key AS cause_key, r.peel_question
FROM recommendations r
JOIN reports rp ON rp.id = r.report
LEFT JOIN recommendations c ON c.id = r.cause_id AND c.force = r.force AND c.kind = 'cause of concern' AND c.key <> r.key
LEFT JOIN name_links o ON o.force = r.force AND o.name = r.owner
LEFT JOIN name_links v ON v.force = r.force AND v.name = r.overseer;

-- The spans, by the macros in schema/04_spans.sql, for every recommendation.
INSERT INTO status_spans BY NAME SELECT * FROM status_span_rows(NULL) ORDER BY valid_from;

INSERT INTO comment_spans BY NAME SELECT * FROM comment_span_rows(NULL) ORDER BY rid;

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
