"""The statutory response: a force area's answer to each inspection report within 56 days, drafted, approved by its
commissioner and published, and the document the office publishes."""
