-- One write path (store/write.py): every write takes its number from the counter just before it inserts, workflow
-- writes too, so a copy pulls every table, events included, by that number alone. The events' transaction ids (V6)
-- and the latest write of imported facts (V5) were how copies caught workflow writes that did not take the counter:
-- nothing reads them now. Events keep their numbers from the sequence.
ALTER TABLE events DROP COLUMN xid;
ALTER TABLE data_version DROP COLUMN facts_no;
