-- name: add_evidence :exec
-- PostgreSQL: one evidence file's facts, stamped with the write's number. Params: %(file_id)s, %(key)s,
-- %(submission)s, %(name)s, %(media_type)s, %(size)s, %(sha256)s, %(uploaded_at)s, %(uploader_id)s, %(uploader)s,
-- %(role)s, %(source)s, %(event_id)s, %(change_no)s.
INSERT INTO evidence (file_id, key, submission, name, media_type, size, sha256, uploaded_at, uploader_id, uploader,
                      role, source, event_id, change_no)
VALUES (%(file_id)s, %(key)s, %(submission)s, %(name)s, %(media_type)s, %(size)s, %(sha256)s, %(uploaded_at)s,
        %(uploader_id)s, %(uploader)s, %(role)s, %(source)s, %(event_id)s, %(change_no)s)
