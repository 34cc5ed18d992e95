-- name: add_publication :exec
-- PostgreSQL: one publication of a force's site, stamped with the write's number. Params: %(publication_id)s,
-- %(force)s, %(as_of)s, %(made_at)s, %(actor_id)s, %(actor)s, %(role)s, %(source)s, %(digest)s, %(files)s,
-- %(manifest)s, %(change_no)s.
INSERT INTO publications (publication_id, force, as_of, made_at, actor_id, actor, role, source, digest, files, manifest,
                          change_no)
VALUES (%(publication_id)s, %(force)s, %(as_of)s, %(made_at)s, %(actor_id)s, %(actor)s, %(role)s, %(source)s,
        %(digest)s, %(files)s, %(manifest)s, %(change_no)s)
