-- name: number_events_after :rows
-- PostgreSQL, in a write holding the counter that appended events numbered on its copy (up to %(top)s): the events'
-- sequence moves past them, so a workflow write after it numbers its events after these. Returns the sequence's
-- value. Params: %(top)s.
SELECT setval('event_numbers', greatest(%(top)s, (SELECT last_value FROM event_numbers)))
