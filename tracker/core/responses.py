"""The statutory response's fixed facts: the 56 days (Police Act 1996, s.55) and its stages, with their names."""

RESPONSE_DAYS = 56  # a commissioner publishes comments within 56 days of an inspection report's publication
STAGE_NAMES = {"not-started": "Not started", "drafting": "Drafting",
               "comments-received": "Chief constable's comments received", "approved": "Approved by the commissioner",
               "published": "Published"}
