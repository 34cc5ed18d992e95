-- name: reminder_people :many
-- Returns every active person with their reminder setting (cadence: weekly unless they chose daily or paused) and the
-- date of the last digest sent to them and not refused by the mail server since (last_as_of, null for none):
-- person_id, email, name, force, roles, cadence, last_as_of.
-- Params: none.
SELECT p.person_id, p.email, p.name, p.force, p.roles,
       coalesce((SELECT arg_max(cadence, (made_at, event_id)) FROM reminder_settings r WHERE r.person_id = p.person_id),
                'weekly')
           AS cadence,
       (SELECT max(as_of) FROM reminders_sent r
        WHERE r.person_id = p.person_id
          AND (SELECT count(*) FROM reminders_sent s WHERE s.person_id = r.person_id AND s.as_of = r.as_of)
            > (SELECT count(*) FROM reminders_bounced b WHERE b.person_id = r.person_id AND b.as_of = r.as_of))
           AS last_as_of
FROM current_people p
WHERE p.active
ORDER BY p.person_id
