-- +goose Up
-- Files served at /files/{id}/{name}: the bytes live in Postgres so a
-- backup of the database is a backup of the site.
CREATE TABLE files (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text        NOT NULL CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$'),
    content_type text        NOT NULL CHECK (content_type <> ''),
    size         bigint      GENERATED ALWAYS AS (octet_length(data)) STORED,
    sha256       bytea       NOT NULL CHECK (octet_length(sha256) = 32),
    data         bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- Downloads per file per day, counted without cookies or visitor data.
CREATE TABLE file_downloads (
    file_id bigint NOT NULL REFERENCES files ON DELETE CASCADE,
    day     date   NOT NULL,
    count   bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (file_id, day)
);

-- Kinds of resource. The toolkit's components (narratives, case studies,
-- stories, fact sheets, infographics, worksheets) are the types with
-- toolkit = true, listed on /toolkit in position order.
CREATE TABLE resource_types (
    slug     text    PRIMARY KEY CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    position integer NOT NULL,
    toolkit  boolean NOT NULL DEFAULT false
);

CREATE TABLE resource_type_texts (
    type_slug   text NOT NULL REFERENCES resource_types ON DELETE CASCADE ON UPDATE CASCADE,
    lang        text NOT NULL CHECK (lang IN ('en', 'es')),
    name        text NOT NULL CHECK (name <> ''), -- singular: "Fact sheet"
    plural      text NOT NULL CHECK (plural <> ''), -- "Fact sheets"
    description text NOT NULL DEFAULT '',         -- what the component is for
    PRIMARY KEY (type_slug, lang)
);

CREATE TABLE topics (
    id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug text   NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$')
);

CREATE TABLE topic_texts (
    topic_id bigint NOT NULL REFERENCES topics ON DELETE CASCADE,
    lang     text   NOT NULL CHECK (lang IN ('en', 'es')),
    name     text   NOT NULL CHECK (name <> ''),
    PRIMARY KEY (topic_id, lang)
);

CREATE TABLE resources (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug         text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    type_slug    text        NOT NULL REFERENCES resource_types ON UPDATE CASCADE,
    year         integer     NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    month        smallint    CHECK (month BETWEEN 1 AND 12), -- when known ("May 2017")
    organisation text        NOT NULL DEFAULT '', -- the author organisation
    published_at timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX resources_type_year ON resources (type_slug, year DESC);

-- Per-language text. search is weighted title > summary > body, parsed with
-- the row's own language so stemming fits (Spanish "trabajadoras" matches
-- "trabajadora").
CREATE TABLE resource_texts (
    resource_id bigint   NOT NULL REFERENCES resources ON DELETE CASCADE,
    lang        text     NOT NULL CHECK (lang IN ('en', 'es')),
    title       text     NOT NULL CHECK (title <> ''),
    summary     text     NOT NULL DEFAULT '',
    body        text     NOT NULL DEFAULT '', -- Markdown
    search      tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector(CASE lang WHEN 'es' THEN 'spanish'::regconfig ELSE 'english'::regconfig END, title), 'A') ||
        setweight(to_tsvector(CASE lang WHEN 'es' THEN 'spanish'::regconfig ELSE 'english'::regconfig END, summary), 'B') ||
        setweight(to_tsvector(CASE lang WHEN 'es' THEN 'spanish'::regconfig ELSE 'english'::regconfig END, body), 'C')
    ) STORED,
    PRIMARY KEY (resource_id, lang)
);
CREATE INDEX resource_texts_search ON resource_texts USING gin (search);

CREATE TABLE resource_topics (
    resource_id bigint NOT NULL REFERENCES resources ON DELETE CASCADE,
    topic_id    bigint NOT NULL REFERENCES topics ON DELETE CASCADE,
    PRIMARY KEY (resource_id, topic_id)
);
CREATE INDEX resource_topics_topic ON resource_topics (topic_id);

-- A resource's downloads. lang is the language of the document itself;
-- the library's language filter matches resources with a file in it. label
-- (optional) is written in the document's language ("Descarga en español").
CREATE TABLE resource_files (
    resource_id bigint  NOT NULL REFERENCES resources ON DELETE CASCADE,
    file_id     bigint  NOT NULL REFERENCES files ON DELETE RESTRICT,
    lang        text    NOT NULL CHECK (lang IN ('en', 'es', 'fr', 'pt')),
    label       text    NOT NULL DEFAULT '',
    position    integer NOT NULL,
    PRIMARY KEY (resource_id, file_id)
);
CREATE INDEX resource_files_file ON resource_files (file_id);

CREATE TABLE resource_links (
    resource_id bigint  NOT NULL REFERENCES resources ON DELETE CASCADE,
    position    integer NOT NULL,
    url         text    NOT NULL CHECK (url ~ '^https?://'),
    label       text    NOT NULL CHECK (label <> ''),
    PRIMARY KEY (resource_id, position)
);

-- +goose Down
DROP TABLE resource_links;
DROP TABLE resource_files;
DROP TABLE resource_topics;
DROP TABLE resource_texts;
DROP TABLE resources;
DROP TABLE topic_texts;
DROP TABLE topics;
DROP TABLE resource_type_texts;
DROP TABLE resource_types;
DROP TABLE file_downloads;
DROP TABLE files;
