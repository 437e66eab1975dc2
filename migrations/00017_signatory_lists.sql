-- +goose Up
-- The public views of the signatories read only approved rows; each index
-- holds exactly those rows in the order a view reads them, so a page of
-- the list, the wall or the countries of the filter is read off an index
-- instead of sorting every approved row.
--
-- The list, the open data and the pages of /call-to-action/signatories: A
-- to Z by name key (accents, case and punctuation ignored), byte order.
-- The expressions are those of the queries in internal/store/signatory.go.
CREATE INDEX signatories_public_order ON signatories
    ((nullif(name_key, '')) COLLATE "C" NULLS LAST, lower(name), id)
    WHERE status = 'approved';
-- The countries offered in the list's filter, found a country at a time
-- (see store.SignatoryCountries).
CREATE INDEX signatories_public_country ON signatories (country)
    WHERE status = 'approved' AND country <> '';
-- The wall on /call-to-action: the latest approved, those with a logo
-- first.
CREATE INDEX signatories_wall ON signatories
    ((logo_sha IS NULL), (coalesce(decided_at, created_at)) DESC, id DESC)
    WHERE status = 'approved';

-- +goose Down
DROP INDEX signatories_public_country;
DROP INDEX signatories_wall;
DROP INDEX signatories_public_order;
