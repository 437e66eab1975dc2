-- +goose Up
-- The audiences advocates speak to, and the key messages for each. Texts
-- live in per-language rows; a missing translation falls back to English.
CREATE TABLE audiences (
    id       bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug     text    NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    position integer NOT NULL
);

CREATE TABLE audience_texts (
    audience_id bigint NOT NULL REFERENCES audiences ON DELETE CASCADE,
    lang        text   NOT NULL CHECK (lang IN ('en', 'es')),
    name        text   NOT NULL CHECK (name <> ''),
    summary     text   NOT NULL DEFAULT '',
    PRIMARY KEY (audience_id, lang)
);

CREATE TABLE key_messages (
    id          bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    audience_id bigint  NOT NULL REFERENCES audiences ON DELETE CASCADE,
    position    integer NOT NULL
);
CREATE INDEX key_messages_audience ON key_messages (audience_id, position);

CREATE TABLE key_message_texts (
    key_message_id bigint NOT NULL REFERENCES key_messages ON DELETE CASCADE,
    lang           text   NOT NULL CHECK (lang IN ('en', 'es')),
    headline       text   NOT NULL CHECK (headline <> ''),
    points         text   NOT NULL DEFAULT '', -- Markdown
    sources        text   NOT NULL DEFAULT '', -- Markdown
    PRIMARY KEY (key_message_id, lang)
);

-- +goose Down
DROP TABLE key_message_texts;
DROP TABLE key_messages;
DROP TABLE audience_texts;
DROP TABLE audiences;
