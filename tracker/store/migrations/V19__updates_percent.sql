-- An update may say how far complete the item is (a whole percent): an imported spreadsheet's percent column, or a
-- lead's submission once it is accepted (the copy's workflow rows carry it; the submission itself keeps it on its
-- event). The latest on a day is the item's percent complete that day, which its force's RAG rule rates. Null for
-- every update before this, and for one that does not say.
ALTER TABLE updates ADD COLUMN percent INTEGER CHECK (percent BETWEEN 0 AND 100);
