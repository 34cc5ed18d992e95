-- name: add_evidence_content :exec
-- PostgreSQL, inside a write: an evidence file's bytes, kept once per content (a content already held stays as it
-- is: the same bytes). Returns nothing. Params: %(sha256)s, %(content)s, %(change_no)s.
INSERT INTO evidence_content (sha256, content, change_no) VALUES (%(sha256)s, %(content)s, %(change_no)s)
ON CONFLICT (sha256) DO NOTHING
