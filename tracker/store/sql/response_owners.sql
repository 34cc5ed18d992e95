-- name: response_owners :rows
-- Inside a write, on the copy: the active people of force $force, who may own a response's planned action:
-- person_id, email, name, job_title, public_name.
SELECT person_id, email, name, job_title, coalesce(public_name, false) FROM tracker.main.current_people
WHERE force = $force AND active
ORDER BY person_id
