-- name: add_evidence :exec
-- Inside a write, on the copy: one evidence file's facts (its bytes go to PostgreSQL with the write). Returns
-- nothing. Params: $file_id, $key, $submission, $name, $media_type, $size, $sha256, $uploaded_at, $uploader_id,
-- $uploader, $role, $source, $event_id.
INSERT INTO evidence (file_id, key, submission, name, media_type, size, sha256, uploaded_at, uploader_id, uploader,
                      role, source, event_id)
VALUES ($file_id, $key, $submission, $name, $media_type, $size, $sha256, $uploaded_at, $uploader_id, $uploader,
        $role, $source, $event_id)
