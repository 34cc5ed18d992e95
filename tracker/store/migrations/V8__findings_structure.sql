-- Findings as the inspectorate structures them. A recipient added on purpose may be a national body (the NPCC, the
-- College of Policing…) rather than a force: it holds its copy of national recommendations, kept apart from the
-- forces in every force comparison.
ALTER TABLE extra_forces ADD COLUMN body BOOLEAN NOT NULL DEFAULT false;
-- A recommendation answers a cause of concern (by its id in the same force), and an area for improvement comes under
-- a PEEL question, as an import gives them.
ALTER TABLE recommendation_versions ADD COLUMN cause_id INTEGER;
ALTER TABLE recommendation_versions ADD COLUMN peel_question TEXT;
-- Links an analyst sets or confirms between items, never merged or deleted: a recommendation answers a cause of
-- concern (cause_of_concern, overriding its import's), or asks the same as, follows up, or is superseded by another
-- report's. Each row links or unlinks; the latest row of a (key, other, relation) stands.
CREATE TABLE item_links (
    link_no   BIGINT NOT NULL UNIQUE,   -- 1, 2, …
    key       TEXT NOT NULL,            -- the item the link is from (for a cause: the recommendation answering it)
    other     TEXT NOT NULL,            -- the item it links to
    relation  TEXT NOT NULL CHECK (relation IN ('cause_of_concern', 'same_ask', 'follows_up', 'superseded_by')),
    action    TEXT NOT NULL CHECK (action IN ('link', 'unlink')),
    made_at   TIMESTAMP NOT NULL,
    actor_id  INTEGER,
    actor     TEXT NOT NULL,
    role      TEXT NOT NULL,
    source    TEXT NOT NULL,
    reason    TEXT,
    change_no BIGINT NOT NULL
);
CREATE INDEX ON item_links (change_no);
-- PEEL grades: a force's grade for each PEEL question in an inspection year, as imported (each import adds rows; the
-- latest row of a force, year and question stands).
CREATE TABLE peel_grades (
    force       TEXT NOT NULL,
    year        INTEGER NOT NULL,
    question    TEXT NOT NULL,
    grade       TEXT NOT NULL CHECK (grade IN ('outstanding', 'good', 'adequate', 'requires improvement',
                                               'inadequate')),
    imported_at TIMESTAMP NOT NULL,
    actor       TEXT NOT NULL,
    source      TEXT NOT NULL,     -- the file
    change_no   BIGINT NOT NULL
);
CREATE INDEX ON peel_grades (change_no);
