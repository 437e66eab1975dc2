-- +goose Up
-- The public lists of signatories read only approved rows, in two orders;
-- each index holds exactly those rows in that order, so a page of the list
-- or the wall reads its rows off the index instead of sorting them all.
--
-- The list, the open data and the pages of /call-to-action/signatories: A
-- to Z by name key (accents, case and punctuation ignored), byte order.
-- The expressions are those of the queries in internal/store/signatory.go.
CREATE INDEX signatories_public_order ON signatories
    ((nullif(name_key, '')) COLLATE "C" NULLS LAST, lower(name), id)
    WHERE status = 'approved';
-- The wall on /call-to-action: the latest approved, those with a logo
-- first.
CREATE INDEX signatories_wall ON signatories
    ((logo_sha IS NULL), (coalesce(decided_at, created_at)) DESC, id DESC)
    WHERE status = 'approved';

-- +goose Down
DROP INDEX signatories_wall;
DROP INDEX signatories_public_order;
