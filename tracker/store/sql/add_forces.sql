-- Record forces added on purpose by this import ($names), once each.
INSERT INTO extra_forces SELECT unnest($names::VARCHAR[]), $at, $import_id ON CONFLICT DO NOTHING
