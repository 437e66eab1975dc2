-- +goose Up
-- Pages staff create at an address of their choosing (content kind
-- "custom-page"): one row per page, its texts per language (a language
-- without a row falls back to English).
CREATE TABLE custom_pages (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Up to four segments of lowercase letters, digits and hyphens.
    path       text        NOT NULL UNIQUE CHECK (path ~ '^(/[a-z0-9]+(-[a-z0-9]+)*){1,4}$'),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE custom_page_texts (
    page_id     bigint NOT NULL REFERENCES custom_pages (id) ON DELETE CASCADE,
    lang        text   NOT NULL CHECK (lang IN ('en', 'es')),
    title       text   NOT NULL CHECK (title <> ''),
    description text   NOT NULL DEFAULT '',
    body        text   NOT NULL DEFAULT '',
    PRIMARY KEY (page_id, lang)
);

-- Old addresses sent on to new ones. A redirect with a query matches only
-- that exact query (stored in its canonical, sorted form); one without
-- matches the path with any query.
CREATE TABLE redirects (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    from_path  text        NOT NULL CHECK (from_path LIKE '/%'),
    from_query text        NOT NULL DEFAULT '',
    to_target  text        NOT NULL CHECK (to_target LIKE '/%' OR to_target LIKE 'https://%'),
    status     integer     NOT NULL CHECK (status IN (301, 302)),
    -- Added by publishing a new address for a page, not by hand.
    automatic  boolean     NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (from_path, from_query)
);
CREATE INDEX redirects_to_target ON redirects (to_target);

-- Public pages are rendered from these: kept pages go stale on a change
-- (see 00016).
CREATE TRIGGER custom_pages_notify AFTER INSERT OR UPDATE OR DELETE ON custom_pages
    FOR EACH ROW EXECUTE FUNCTION notify_public_pages();
CREATE TRIGGER custom_pages_notify_truncate AFTER TRUNCATE ON custom_pages
    FOR EACH STATEMENT EXECUTE FUNCTION notify_public_pages();
CREATE TRIGGER custom_page_texts_notify AFTER INSERT OR UPDATE OR DELETE ON custom_page_texts
    FOR EACH ROW EXECUTE FUNCTION notify_public_pages();
CREATE TRIGGER custom_page_texts_notify_truncate AFTER TRUNCATE ON custom_page_texts
    FOR EACH STATEMENT EXECUTE FUNCTION notify_public_pages();
CREATE TRIGGER redirects_notify AFTER INSERT OR UPDATE OR DELETE ON redirects
    FOR EACH ROW EXECUTE FUNCTION notify_public_pages();
CREATE TRIGGER redirects_notify_truncate AFTER TRUNCATE ON redirects
    FOR EACH STATEMENT EXECUTE FUNCTION notify_public_pages();

-- +goose Down
DROP TABLE redirects;
DROP TABLE custom_page_texts;
DROP TABLE custom_pages;
