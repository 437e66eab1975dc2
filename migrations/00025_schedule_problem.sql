-- +goose Up
-- Why a scheduled publish did not happen, in words for staff (an address
-- another page took meanwhile, a value no longer accepted): the schedule
-- is then cleared, the draft kept, and the editor and dashboard say so
-- until the item is saved, scheduled or published again.
ALTER TABLE content_items ADD COLUMN schedule_problem text
    CHECK (char_length(schedule_problem) BETWEEN 1 AND 2000);

-- +goose Down
ALTER TABLE content_items DROP COLUMN schedule_problem;
