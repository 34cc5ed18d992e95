-- Store the changed recommendations, replacing the held row of the same key, tagged with $import_id.
INSERT OR REPLACE INTO recommendations SELECT *, $import_id FROM changed
