-- name: history_columns :rows
-- PostgreSQL: the columns of the history tables %(tables)s as the migrations made them (the one schema of the
-- history: each copy makes its tables from this), less change_no, in order. Returns table_name, column_name,
-- data_type, udt_name (an array's element type, as _text). Params: %(tables)s.
SELECT c.table_name::text, c.column_name::text, c.data_type::text, c.udt_name::text
FROM information_schema.columns c
WHERE c.table_schema = current_schema() AND c.table_name = ANY(%(tables)s::text[]) AND c.column_name <> 'change_no'
ORDER BY c.table_name, c.ordinal_position
