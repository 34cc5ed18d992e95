-- name: response_items :rows
-- Inside a write, on the copy: the recommendations of report $report in force $force, by id: key, id, owner_id (the
-- directory's person the item's owner name refers to, if known), target_current.
SELECT key, id, owner_id, target_current FROM tracker.main.rec_base
WHERE report = $report AND force = $force
ORDER BY id
