-- name: similar_elsewhere :items
-- Returns up to $limit recommendations made to other forces and national bodies, within the reader's scope, whose
-- text is most like recommendation $key's (the same TF-IDF cosine similarity as similar_items: the same ask made
-- elsewhere, often the same report's), most similar first, when the reader may see $key's force (else none): key, id,
-- force, similarity.
-- Params: $filters, $key, $limit.
WITH me AS (
    SELECT force, unnest(terms) AS term, unnest(weights) AS weight FROM item_vectors
    WHERE key = $key AND ($filters['scope'] IS NULL OR list_contains($filters['scope']::VARCHAR[], force))
),
scores AS (
    SELECT t.key, any_value(t.id) AS id, any_value(t.force) AS force, sum(t.weight * me.weight) AS similarity
    FROM term_weights t
    JOIN me ON t.term = me.term AND t.force <> me.force
    WHERE $filters['scope'] IS NULL OR list_contains($filters['scope']::VARCHAR[], t.force)
    GROUP BY t.key
)
SELECT key, id, force, round(similarity, 3) AS similarity
FROM scores
ORDER BY similarity DESC, key
LIMIT $limit
