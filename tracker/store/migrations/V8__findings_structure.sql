-- Findings as the inspectorate structures them. A recipient added on purpose may be a national body (the NPCC, the
-- College of Policing…) rather than a force: it holds its copy of national recommendations, kept apart from the
-- forces in every force comparison.
ALTER TABLE extra_forces ADD COLUMN body BOOLEAN NOT NULL DEFAULT false;
