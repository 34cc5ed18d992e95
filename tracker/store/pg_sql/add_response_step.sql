-- name: add_response_step :exec
-- PostgreSQL: one step of a statutory response, stamped with the write's number. Params: %(step_id)s, %(report)s,
-- %(force)s, %(version)s, %(kind)s, %(stage_before)s, %(stage_after)s, %(made_at)s, %(actor_id)s, %(actor)s,
-- %(role)s, %(source)s, %(overall)s, %(plan)s, %(chief_comments)s, %(chief_file)s, %(published_on)s, %(address)s,
-- %(event_id)s, %(on_date)s, %(change_no)s.
INSERT INTO responses (step_id, report, force, version, kind, stage_before, stage_after, made_at, actor_id, actor,
                       role, source, overall, plan, chief_comments, chief_file, published_on, address, event_id,
                       on_date, change_no)
VALUES (%(step_id)s, %(report)s, %(force)s, %(version)s, %(kind)s, %(stage_before)s, %(stage_after)s, %(made_at)s,
        %(actor_id)s, %(actor)s, %(role)s, %(source)s, %(overall)s, %(plan)s, %(chief_comments)s, %(chief_file)s,
        %(published_on)s, %(address)s, %(event_id)s, %(on_date)s, %(change_no)s)
