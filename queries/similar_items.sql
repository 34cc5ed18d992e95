-- name: similar_items :items
-- Returns up to $limit recommendations of other reports in the same force whose text is most like recommendation
-- $key's (TF-IDF cosine similarity of their words, 0 to 1: store/schema/01_tables_findings.sql), most similar first,
-- when the reader may see $key's force (else none): key, id, force, similarity. (Their facts as of a date come from
-- recommendations_by_id.)
-- Params: $filters, $key, $limit.
WITH me AS (
    SELECT force, report, unnest(terms) AS term, unnest(weights) AS weight FROM item_vectors
    WHERE key = $key AND ($filters['scope'] IS NULL OR list_contains($filters['scope']::VARCHAR[], force))
),
scores AS (
    SELECT t.key, any_value(t.id) AS id, any_value(t.force) AS force, sum(t.weight * me.weight) AS similarity
    FROM term_weights t
    JOIN me ON t.force = me.force AND t.term = me.term
    WHERE t.report <> me.report
    GROUP BY t.key
)
SELECT key, id, force, round(similarity, 3) AS similarity
FROM scores
ORDER BY similarity DESC, key
LIMIT $limit
