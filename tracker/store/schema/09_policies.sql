-- name: 09_policies :script
-- Each force's policies standing on day d, as administrators set them (the latest set on or before d; the last made
-- that day): force, name, value, since, by (who set it), reason. A policy nobody has set has no row: its default is
-- tracker.core.policies'.
CREATE OR REPLACE MACRO policies_on(d) AS TABLE
SELECT force, name, arg_max(value, (on_date, event_id)) AS value, max(on_date) AS since,
       arg_max(actor, (on_date, event_id)) AS by, arg_max(reason, (on_date, event_id)) AS reason
FROM force_policies
WHERE on_date <= d::DATE
GROUP BY force, name;
