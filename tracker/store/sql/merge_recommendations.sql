-- name: merge_recommendations :exec
-- The merge rule, written once: each recommendation of the batch (batch_recs) as it will be stored, given what the
-- database holds for its key. Columns in the order of the recommendations table, without import_id.
--   text, report, kind: the batch's (the latest import says what the recommendation is).
--   theme: a theme given in an import beats one assigned by the keyword rules; otherwise the batch's.
--   published_on, owner, overseer, board, target_current, target_text: the batch's when it has one, else the held one;
--     each *_extracted flag follows the value taken.
--   target_original: the held one once known (the original target never changes), else the batch's.
--   source: the batch's (every batch row has one); source_ref, addressee, answer_by: the batch's when it has one, else
--     the held one (answer_by is worked out at import from the item's source and dates, tracker.core.sources).
--   force_rag (the force's own rating), cause_id (its cause of concern), peel_question: the batch's when it has one,
--     else the held one.
CREATE OR REPLACE TEMP TABLE merged AS
SELECT b.key, b.id, b.force, b.report, b.kind,
       CASE WHEN b.theme_from = 'rules' AND r.theme_from = 'import' THEN r.theme ELSE b.theme END AS theme,
       CASE WHEN b.theme_from = 'rules' AND r.theme_from = 'import' THEN r.theme_from ELSE b.theme_from END AS theme_from,
       b.text,
       coalesce(b.published_on::DATE, r.published_on) AS published_on,
       coalesce(b.owner, r.owner) AS owner,
       CASE WHEN b.owner IS NULL THEN coalesce(r.owner_extracted, false) ELSE b.owner_extracted END AS owner_extracted,
       coalesce(b.overseer, r.overseer) AS overseer,
       CASE WHEN b.overseer IS NULL THEN coalesce(r.overseer_extracted, false) ELSE b.overseer_extracted END AS overseer_extracted,
       coalesce(b.board, r.board) AS board,
       CASE WHEN b.board IS NULL THEN coalesce(r.board_extracted, false) ELSE b.board_extracted END AS board_extracted,
       coalesce(r.target_original, b.target_original::DATE) AS target_original,
       coalesce(b.target_current::DATE, r.target_current) AS target_current,
       CASE WHEN b.target_current::DATE IS NULL THEN r.target_text ELSE b.target_text END AS target_text,
       CASE WHEN b.target_current::DATE IS NULL THEN coalesce(r.target_extracted, false) ELSE b.target_extracted END AS target_extracted,
       coalesce(b.force_rag::VARCHAR, r.force_rag) AS force_rag,
       coalesce(b.cause_id::INTEGER, r.cause_id) AS cause_id,
       coalesce(b.peel_question::VARCHAR, r.peel_question) AS peel_question,
       b.source::VARCHAR AS source,
       coalesce(b.source_ref::VARCHAR, r.source_ref) AS source_ref,
       coalesce(b.addressee::VARCHAR, r.addressee) AS addressee,
       coalesce(b.answer_by::DATE, r.answer_by) AS answer_by
FROM batch_recs b
LEFT JOIN recommendations r USING (key)
