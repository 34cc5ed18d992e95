-- name: 01_tables_findings :script
-- Findings as the inspectorate structures them: what the links analysts set between items (item_links: each row
-- links or unlinks) make of each item, PEEL grades as they stand, and the related recommendations' weights.

-- The links that stand: each (key, other, relation) whose latest row links, with who made it and when.
CREATE OR REPLACE VIEW links_now AS
SELECT key, other, relation, arg_max(actor, link_no) AS actor, arg_max(made_at, link_no) AS made_at,
       arg_max(reason, link_no) AS reason
FROM item_links
GROUP BY key, other, relation
HAVING arg_max(action, link_no) = 'link';

-- An analyst's latest say on an item's cause of concern (null: they unlinked it), which overrides its import's.
CREATE OR REPLACE VIEW analyst_causes AS
SELECT key, CASE WHEN arg_max(action, link_no) = 'link' THEN arg_max(other, link_no) END AS cause_key
FROM item_links
WHERE relation = 'cause_of_concern'
GROUP BY key;

-- Each priority an analyst or reviewer set (events of kind 'priority': 1 high, 2, 3, with a reason): defined over the
-- workflow's events in store/schema/08_workflow.sql, which runs after these files; declared here, empty, for the macros.
CREATE OR REPLACE VIEW priority_events AS
SELECT NULL::VARCHAR AS key, NULL::BIGINT AS seq, NULL::DATE AS on_date, NULL::INTEGER AS priority,
       NULL::VARCHAR AS reason
WHERE false;

-- Each force's grade for each question and year, the latest import's; rank 1 outstanding … 5 inadequate.
CREATE OR REPLACE VIEW peel_current AS
SELECT force, year, question, lower(trim(question)) AS question_key,
       arg_max(grade, imported_at) AS grade,
       list_position(['outstanding', 'good', 'adequate', 'requires improvement', 'inadequate'],
                     arg_max(grade, imported_at)) AS rank
FROM peel_grades
GROUP BY force, year, question;

-- Each recommendation's words as TF-IDF weights (derived on every rebuild, derived/refresh.sql): a word of three
-- letters or more, not a stop word; weight = its count in the text × ln(recommendations ÷ those whose text has it),
-- scaled so each text's weights have length 1 (the sum of products of two texts' weights is their cosine
-- similarity). Sorted by force and term, for the related recommendations' look-up (queries/similar_items.sql).
CREATE TABLE IF NOT EXISTS term_weights (
    key    VARCHAR NOT NULL,
    id     INTEGER NOT NULL,
    force  VARCHAR NOT NULL,
    report VARCHAR NOT NULL,
    term   VARCHAR NOT NULL,
    weight DOUBLE NOT NULL
);

-- Each recommendation's own weights as two lists, sorted by key, so one page's look-up finds its words without
-- scanning every recommendation's (term_weights is sorted by force and term, for the matches).
CREATE TABLE IF NOT EXISTS item_vectors (
    key     VARCHAR NOT NULL,
    force   VARCHAR NOT NULL,
    report  VARCHAR NOT NULL,
    terms   VARCHAR[] NOT NULL,
    weights DOUBLE[] NOT NULL
);
