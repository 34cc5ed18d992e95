-- name: add_source_addressee :exec
-- PostgreSQL: one addressee of a source document as written and what it was matched to (an import's, once). Params:
-- %(source)s, %(source_ref)s, %(report)s, %(written)s, %(matched)s, %(how)s, %(answer_by)s, %(import_id)s,
-- %(change_no)s.
INSERT INTO source_addressees (source, source_ref, report, written, matched, how, answer_by, import_id, change_no)
VALUES (%(source)s, %(source_ref)s, %(report)s, %(written)s, %(matched)s, %(how)s, %(answer_by)s, %(import_id)s,
        %(change_no)s)
ON CONFLICT (source, source_ref, written) DO NOTHING
