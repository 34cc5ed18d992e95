-- name: import_history :many
-- Returns the imports the reader may see, newest first (a reader of every force sees all; a force's reader those whose
-- rows are all in their forces): id, imported_at, actor, role, via, kind, sources, recommendations_added,
-- recommendations_changed, updates_added, forces, mapping (JSON), counts (false once retracted), last_action
-- (retract | restore | null), last_action_at, last_action_by, last_reason.
-- Params: $filters.
WITH actions AS (
    SELECT import_id, arg_max(action, seq) AS action, max(made_at) AS made_at, arg_max(actor, seq) AS actor,
           arg_max(reason, seq) AS reason
    FROM import_actions GROUP BY import_id
)
SELECT i.id, i.imported_at, i.actor, i.role, i.via, i.kind, i.sources, i.recommendations_added,
       i.recommendations_changed, i.updates_added, i.forces, i.mapping,
       coalesce(a.action, 'restore') <> 'retract' AS counts,
       a.action AS last_action, a.made_at AS last_action_at, a.actor AS last_action_by, a.reason AS last_reason
FROM imports i
LEFT JOIN actions a ON a.import_id = i.id
WHERE $filters['scope'] IS NULL
   OR (i.forces IS NOT NULL AND len(i.forces) > 0
       AND len(list_filter(i.forces, lambda f: NOT list_contains($filters['scope']::VARCHAR[], f))) = 0)
ORDER BY i.id DESC
