-- name: replace_links :exec
-- Replace the derived name links with those in the registered frame `links`.
DELETE FROM name_links;
INSERT INTO name_links SELECT force, name, person_id::INTEGER, how, candidates::INTEGER[] FROM links;
