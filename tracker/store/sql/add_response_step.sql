-- name: add_response_step :exec
-- Inside a write, on the copy: append one step of a statutory response. Returns nothing. Params: $step_id, $report,
-- $force, $version, $kind, $stage_before, $stage_after, $made_at, $actor_id, $actor, $role, $source, $overall, $plan,
-- $chief_comments, $chief_file, $published_on, $address, $event_id.
INSERT INTO responses (step_id, report, force, version, kind, stage_before, stage_after, made_at, actor_id, actor,
                       role, source, overall, plan, chief_comments, chief_file, published_on, address, event_id)
VALUES ($step_id, $report, $force, $version, $kind, $stage_before, $stage_after, $made_at, $actor_id, $actor, $role,
        $source, $overall, $plan, $chief_comments, $chief_file, $published_on, $address, $event_id)
