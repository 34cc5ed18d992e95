-- name: import_facts :rows
-- An import's state: (id, kind, whether it is retracted now, the forces of its rows); no row for no such import.
SELECT id, kind, EXISTS (SELECT 1 FROM retracted_imports x WHERE x.import_id = i.id), forces
FROM imports i
WHERE id = $id
