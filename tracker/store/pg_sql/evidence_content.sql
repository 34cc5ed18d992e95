-- name: evidence_content :rows
-- PostgreSQL: an evidence file's bytes by its SHA-256 (no row if none is held). Returns content. Params: %(sha256)s.
SELECT content FROM evidence_content WHERE sha256 = %(sha256)s
