-- +goose Up
-- People who asked for the SSWWeek daily emails or general updates. A
-- sign-up waits as 'pending' until its address confirms it by the emailed
-- link ('active'); leaving makes it 'unsubscribed' (kept, so signing up
-- again is recognised and starts over as pending).
CREATE TABLE subscribers (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email           text        NOT NULL CHECK (email ~ '^[^@\s]+@[^@\s]+$' AND char_length(email) <= 254),
    name            text        NOT NULL DEFAULT '' CHECK (char_length(name) <= 120),
    -- The language the emails are written in.
    lang            text        NOT NULL DEFAULT 'en' CHECK (lang IN ('en', 'es')),
    -- The lists: SSWWeek daily emails, and general updates.
    daily           boolean     NOT NULL DEFAULT false,
    updates         boolean     NOT NULL DEFAULT false,
    status          text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'unsubscribed')),
    consent_at      timestamptz NOT NULL DEFAULT now(),
    confirmed_at    timestamptz,
    unsubscribed_at timestamptz,
    -- When an active subscriber who signed up again was last told so by
    -- email: at most one such email an hour, so the form cannot be used
    -- to flood an address.
    reminded_at     timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    -- Whoever is subscribed receives something; leaving clears the lists.
    CHECK (status = 'unsubscribed' OR daily OR updates),
    CHECK (status <> 'unsubscribed' OR NOT (daily OR updates))
);
CREATE UNIQUE INDEX subscribers_email ON subscribers (lower(email));
CREATE INDEX subscribers_status ON subscribers (status, updated_at);

-- Confirmation links sent to pending subscribers. Only the sha256 of the
-- token is kept.
CREATE TABLE subscriber_tokens (
    hash          bytea       PRIMARY KEY CHECK (octet_length(hash) = 32),
    subscriber_id bigint      NOT NULL REFERENCES subscribers ON DELETE CASCADE,
    purpose       text        NOT NULL CHECK (purpose IN ('confirm')),
    expires_at    timestamptz NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX subscriber_tokens_subscriber ON subscriber_tokens (subscriber_id);

-- +goose Down
DROP TABLE subscriber_tokens;
DROP TABLE subscribers;
