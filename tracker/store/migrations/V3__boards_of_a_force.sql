-- A board belongs to a force, or is national by intent: two forces' boards of the same name ("Force Performance
-- Board") are two boards, each with its own meetings. A meeting now says whose board it is: `force`, or `national`.
-- Meetings recorded before this have neither, and count as their chair's force's (a national chair's: national).
-- Nothing already written is changed: the columns are added, and the old one-meeting-a-board-a-day rule becomes one
-- a board of a force (or national) a day.
ALTER TABLE meetings ADD COLUMN force TEXT;
ALTER TABLE meetings ADD COLUMN national BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE meetings DROP CONSTRAINT meetings_board_held_on_key;
CREATE UNIQUE INDEX meetings_one_a_board_a_day ON meetings (board, coalesce(force, ''), national, held_on);
