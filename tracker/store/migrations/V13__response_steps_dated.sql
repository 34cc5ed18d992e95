-- Every step of a statutory response carries its day: those written before V10 are dated the day they were made, so
-- the pages bound a response "as of" a date by that day alone, as they bound every other event.
UPDATE responses SET on_date = made_at::DATE WHERE on_date IS NULL;
ALTER TABLE responses ALTER COLUMN on_date SET NOT NULL;
