-- name: all_links :rows
-- Every link between items that stands, but a cause of concern's (all_recommendations carries that one), in the
-- columns the importer reads: id, force (the item it is from), relation, other_id, other_force, reason; plus key. By
-- force, id, relation, other force and other id. No parameters.
SELECT a.id, a.force, l.relation, b.id AS other_id, b.force AS other_force, l.reason, l.key
FROM links_now l
JOIN recommendations a ON a.key = l.key
JOIN recommendations b ON b.key = l.other
WHERE l.relation <> 'cause_of_concern'
ORDER BY a.force, a.id, l.relation, b.force, b.id
