-- +goose Up
-- The library at a real library's size (10,000 resources): every filter,
-- count and search of /resources is answered from an index, and a page
-- reads only the rows that can reach it.

-- Newest first is the library's order (year, month, then most recently
-- added): a page without a search walks this index and stops at the page.
-- Its first column also gives the first and last year at once.
CREATE INDEX resources_newest ON resources (year DESC, (coalesce(month, 0)) DESC, id DESC);

-- A type filter walks its own part of the same order.
DROP INDEX resources_type_year;
CREATE INDEX resources_type_newest ON resources (type_slug, year DESC, (coalesce(month, 0)) DESC, id DESC);

-- The document language filter and the list of languages offered.
CREATE INDEX resource_files_lang ON resource_files (lang, resource_id);

-- A search is always in one language's texts, parsed with that language's
-- configuration: one index per language holds only those texts, so a
-- match needs no second index to leave out the other language. Without
-- GIN's pending list (fastupdate): texts change rarely, and entries left
-- pending make the planner price the index above reading every text (22
-- ms against 3 to count the matches of a common word at 10,000 resources)
-- until a vacuum merges them.
DROP INDEX resource_texts_search;
CREATE INDEX resource_texts_search_en ON resource_texts USING gin (search) WITH (fastupdate = off) WHERE lang = 'en';
CREATE INDEX resource_texts_search_es ON resource_texts USING gin (search) WITH (fastupdate = off) WHERE lang = 'es';

-- +goose Down
DROP INDEX resource_texts_search_es;
DROP INDEX resource_texts_search_en;
CREATE INDEX resource_texts_search ON resource_texts USING gin (search);
DROP INDEX resource_files_lang;
DROP INDEX resources_type_newest;
CREATE INDEX resources_type_year ON resources (type_slug, year DESC);
DROP INDEX resources_newest;
