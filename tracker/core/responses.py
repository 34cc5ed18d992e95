"""The statutory response's fixed facts: the 56 days (Police Act 1996, s.55) and its stages, with their names."""

from tracker.core.sources import DEFAULT_SOURCE, rule_of

# A commissioner publishes comments within 56 days of an inspection report's publication: the inspection's clock, as
# data/sources.csv holds it for every source.
RESPONSE_DAYS = rule_of(DEFAULT_SOURCE).length
STAGE_NAMES = {"not-started": "Not started", "drafting": "Drafting",
               "comments-received": "Chief constable's comments received", "approved": "Approved by the commissioner",
               "published": "Published"}
