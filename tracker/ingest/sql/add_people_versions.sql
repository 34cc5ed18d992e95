-- name: add_people_versions :exec
-- PostgreSQL: one directory version of a person, stamped with the write's number. Params: %(person_id)s,
-- %(version)s, %(email)s, %(name)s, %(force)s, %(roles)s, %(active)s, %(at)s, %(by)s, %(job_title)s,
-- %(public_name)s, %(change_no)s.
INSERT INTO people (person_id, version, email, name, force, roles, active, valid_from, changed_by, job_title,
                    public_name, change_no)
VALUES (%(person_id)s, %(version)s, %(email)s, %(name)s, %(force)s, %(roles)s, %(active)s, %(at)s, %(by)s,
        %(job_title)s, %(public_name)s, %(change_no)s)
