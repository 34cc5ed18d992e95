-- name: 03_people :script
-- People: the directory (every change a new version row, so who held a name on a date stays answerable), names an
-- administrator linked by hand, and the links from names written in comments to people (derived on every write).

-- Derived (tracker.store.name_links, on every rebuild): each (force, name) an owner or overseer is written as, and the
-- person it refers to; person_id is null when ambiguous or matching nobody (candidates lists who it might be).
CREATE TABLE IF NOT EXISTS name_links (
    force      VARCHAR NOT NULL,
    name       VARCHAR NOT NULL,
    person_id  INTEGER,
    how        VARCHAR NOT NULL,           -- alias, exact, promotion, rank differs, surname, ambiguous, unmatched
    candidates INTEGER[] NOT NULL
);

CREATE OR REPLACE VIEW current_people AS
SELECT * EXCLUDE (version) FROM people
QUALIFY version = max(version) OVER (PARTITION BY person_id);
