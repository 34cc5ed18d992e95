-- name: person_by_email :one
-- Returns the person in the directory now whose sign-in email is $email (compared in lower case), or no row:
--   person_id, email, name, force (null: national), roles, active.
-- Params: $email.
SELECT person_id, email, name, force, roles, active
FROM current_people
WHERE email = lower(trim($email))
