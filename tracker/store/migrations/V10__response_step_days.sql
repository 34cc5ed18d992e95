-- The day each step of a statutory response is dated (as every workflow event has one): the approval's day bounds
-- the publication's (a response is published on or after the commissioner approved it). Steps written before this
-- are dated the day they were made.
ALTER TABLE responses ADD COLUMN on_date DATE;
