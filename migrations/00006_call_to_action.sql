-- +goose Up
-- The Call to Action's recommendations, grouped by level.
CREATE TABLE cta_recommendations (
    id       bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    level    text    NOT NULL CHECK (level IN ('country', 'global')),
    position integer NOT NULL,
    UNIQUE (level, position)
);

CREATE TABLE cta_recommendation_texts (
    recommendation_id bigint NOT NULL REFERENCES cta_recommendations ON DELETE CASCADE,
    lang              text   NOT NULL CHECK (lang IN ('en', 'es')),
    text              text   NOT NULL CHECK (text <> ''), -- Markdown
    PRIMARY KEY (recommendation_id, lang)
);

-- Organisations supporting the Call to Action. Signing (a later part)
-- adds submission, contact and logo columns; the public count is the
-- approved rows.
CREATE TABLE signatories (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text        NOT NULL CHECK (name <> ''),
    website    text        NOT NULL DEFAULT '' CHECK (website = '' OR website ~ '^https?://'),
    status     text        NOT NULL DEFAULT 'approved' CHECK (status IN ('approved', 'hidden')),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- +goose Down
DROP TABLE signatories;
DROP TABLE cta_recommendation_texts;
DROP TABLE cta_recommendations;
