-- name: held_forces :rows
-- The forces and bodies added by imports (beyond the known list), by name: name. No parameters.
SELECT name FROM extra_forces ORDER BY name
