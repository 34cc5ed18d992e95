-- PostgreSQL, inside a workflow write holding the write counter: whether anything written after write %(since)s could
-- change what the workflow rules read for the items %(keys)s (an event for one of them, or any import, report,
-- recommendation, update, person, name link, import action, meeting or fact: events for other items, reminders and
-- the audit trail do not), and the highest event number held (0 for none), in one round trip. Returns conflict
-- (boolean), top_seq. Params: %(since)s, %(keys)s (a list of keys).
SELECT EXISTS (SELECT 1 FROM events WHERE change_no > %(since)s AND key = ANY(%(keys)s))
    OR EXISTS (SELECT 1 FROM meta WHERE change_no > %(since)s)
    OR EXISTS (SELECT 1 FROM imports WHERE change_no > %(since)s)
    OR EXISTS (SELECT 1 FROM reports WHERE change_no > %(since)s)
    OR EXISTS (SELECT 1 FROM recommendation_versions WHERE change_no > %(since)s)
    OR EXISTS (SELECT 1 FROM extra_forces WHERE change_no > %(since)s)
    OR EXISTS (SELECT 1 FROM updates WHERE change_no > %(since)s)
    OR EXISTS (SELECT 1 FROM people WHERE change_no > %(since)s)
    OR EXISTS (SELECT 1 FROM name_aliases WHERE change_no > %(since)s)
    OR EXISTS (SELECT 1 FROM import_actions WHERE change_no > %(since)s)
    OR EXISTS (SELECT 1 FROM meetings WHERE change_no > %(since)s) AS conflict,
       (SELECT coalesce(max(seq), 0) FROM events) AS top_seq
