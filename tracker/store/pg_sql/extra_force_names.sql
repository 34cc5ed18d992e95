-- name: extra_force_names :rows
-- PostgreSQL: the forces imports added beyond the 43 and the national bodies: name. No parameters.
SELECT name FROM extra_forces ORDER BY name
