-- +goose Up
-- Ready-to-post messages for an SSWWeek edition and each of its days, one
-- per line, written by staff for supporters to copy or share. The editor
-- keeps each within what X allows (280 characters, a link counting as 23);
-- the bound here is the field's, so a row can never hold a page of text.
ALTER TABLE sswweek_edition_texts ADD COLUMN share text NOT NULL DEFAULT ''
    CONSTRAINT sswweek_edition_texts_share CHECK (char_length(share) <= 3000);
ALTER TABLE sswweek_day_texts ADD COLUMN share text NOT NULL DEFAULT ''
    CONSTRAINT sswweek_day_texts_share CHECK (char_length(share) <= 3000);

-- +goose Down
ALTER TABLE sswweek_day_texts DROP COLUMN share;
ALTER TABLE sswweek_edition_texts DROP COLUMN share;
