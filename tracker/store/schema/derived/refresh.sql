-- name: refresh :script
-- Rebuild the derived tables from recommendations, reports and updates (run inside every write's transaction).

DELETE FROM status_spans;
DELETE FROM comment_spans;
DELETE FROM rec_base;

INSERT INTO rec_base BY NAME
SELECT row_number() OVER (ORDER BY r.key)::INTEGER AS rid, r.key, r.id, r.force, r.report, rp.title AS report_title,
       r.kind, r.theme, r.text, r.published_on, r.owner, r.overseer, r.board, r.target_original, r.target_current,
       o.person_id AS owner_id, v.person_id AS overseer_id, c.key AS cause_key, r.peel_question,
       r.source, r.source_ref, r.addressee, r.answer_by
FROM recommendations r
JOIN reports rp ON rp.id = r.report
LEFT JOIN recommendations c ON c.id = r.cause_id AND c.force = r.force AND c.kind = 'cause of concern' AND c.key <> r.key
LEFT JOIN name_links o ON o.force = r.force AND o.name = r.owner
LEFT JOIN name_links v ON v.force = r.force AND v.name = r.overseer;

-- The spans, by the macros in schema/04_spans.sql, for every recommendation.
INSERT INTO status_spans BY NAME SELECT * FROM status_span_rows(NULL) ORDER BY valid_from;

INSERT INTO comment_spans BY NAME SELECT * FROM comment_span_rows(NULL) ORDER BY rid;
