-- name: held_addressees :rows
-- PostgreSQL: the addressees already recorded of the source documents %(refs)s (each source and reference), so an
-- import read twice records none twice. Returns source, source_ref, written. Params: %(refs)s (a list of references).
SELECT source, source_ref, written FROM source_addressees WHERE source_ref = ANY(%(refs)s::text[])
