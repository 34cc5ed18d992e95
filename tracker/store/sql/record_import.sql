-- One row in the import log.
INSERT INTO imports VALUES ($id, $at, $kind, $sources, $recs, $updates)
