"""The register's own cycle in the app: leads submit progress on their items, reviewers decide; every step an event."""
