-- +goose Up
-- Editable page copy, one row per page and language. Later sections of the
-- site add their own tables; this one holds the copy of simple pages.
CREATE TABLE pages (
    slug        text        NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    lang        text        NOT NULL CHECK (lang IN ('en', 'es')),
    title       text        NOT NULL CHECK (title <> ''),
    description text        NOT NULL DEFAULT '',
    intro       text        NOT NULL DEFAULT '',
    body        text        NOT NULL DEFAULT '',
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (slug, lang)
);

-- Cards on a page (the home page's "one card per section"), in order.
CREATE TABLE page_sections (
    page_slug   text    NOT NULL,
    lang        text    NOT NULL,
    position    integer NOT NULL,
    heading     text    NOT NULL CHECK (heading <> ''),
    body        text    NOT NULL DEFAULT '',
    link_path   text    NOT NULL CHECK (link_path LIKE '/%'),
    link_label  text    NOT NULL DEFAULT '',
    PRIMARY KEY (page_slug, lang, position),
    FOREIGN KEY (page_slug, lang) REFERENCES pages (slug, lang) ON DELETE CASCADE
);

-- +goose Down
DROP TABLE page_sections;
DROP TABLE pages;
