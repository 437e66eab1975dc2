-- +goose Up
-- Signing the Call to Action. A submission moves through these states:
--   awaiting_confirmation -> awaiting_review -> approved | rejected | changes_requested
--   changes_requested -> awaiting_review (the contact fixed it)
--   approved -> withdrawn (by the contact) | hidden (by staff) -> approved
-- Only approved rows are public; the count everywhere is their number.
ALTER TABLE signatories DROP CONSTRAINT signatories_status_check;
ALTER TABLE signatories
    ADD COLUMN country       text        NOT NULL DEFAULT '' CHECK (country = '' OR country ~ '^[A-Z]{2}$'),
    ADD COLUMN org_type      text        NOT NULL DEFAULT 'other'
        CHECK (org_type IN ('ngo', 'government', 'academic', 'un-agency', 'network', 'private-sector', 'other')),
    ADD COLUMN contact_name  text        NOT NULL DEFAULT '',
    ADD COLUMN contact_email text        NOT NULL DEFAULT '',
    ADD COLUMN contact_role  text        NOT NULL DEFAULT '',
    ADD COLUMN statement     text        NOT NULL DEFAULT '' CHECK (char_length(statement) <= 500),
    -- The language the contact used: their emails are written in it.
    ADD COLUMN lang          text        NOT NULL DEFAULT 'en' CHECK (lang IN ('en', 'es')),
    ADD COLUMN consent_at    timestamptz,
    -- For spotting duplicates: the name without case, accents or
    -- punctuation, and the website's host without "www.".
    ADD COLUMN name_key      text        NOT NULL DEFAULT '',
    ADD COLUMN domain        text        NOT NULL DEFAULT '',
    ADD COLUMN logo_sha      text,
    ADD COLUMN original_sha  text,
    ADD COLUMN reject_reason text,
    -- What staff told the contact with a rejection or a request for changes.
    ADD COLUMN review_note   text        NOT NULL DEFAULT '',
    -- 'form' (the public form) or 'staff' (added by staff).
    ADD COLUMN source        text        NOT NULL DEFAULT 'staff' CHECK (source IN ('form', 'staff')),
    ADD COLUMN confirmed_at  timestamptz,
    ADD COLUMN decided_at    timestamptz,
    ADD COLUMN erased_at     timestamptz,
    ADD COLUMN updated_at    timestamptz NOT NULL DEFAULT now();
ALTER TABLE signatories ALTER COLUMN status SET DEFAULT 'awaiting_confirmation';
ALTER TABLE signatories ADD CONSTRAINT signatories_status_check CHECK (status IN (
    'awaiting_confirmation', 'awaiting_review', 'approved', 'rejected',
    'changes_requested', 'withdrawn', 'hidden'));
ALTER TABLE signatories ADD CONSTRAINT signatories_contact_email_check
    CHECK (contact_email = '' OR contact_email ~ '^[^@\s]+@[^@\s]+$');
CREATE INDEX signatories_status ON signatories (status, created_at);
CREATE INDEX signatories_name_key ON signatories (name_key) WHERE name_key <> '';
CREATE INDEX signatories_domain ON signatories (domain) WHERE domain <> '';

-- Logos, addressed by the sha256 of their bytes: the public image is the
-- re-encoded PNG; the upload as sent is kept for staff only.
CREATE TABLE logo_images (
    sha256     text        PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    png        bytea       NOT NULL,
    width      integer     NOT NULL CHECK (width > 0),
    height     integer     NOT NULL CHECK (height > 0),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE logo_originals (
    sha256       text        PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    data         bytea       NOT NULL,
    content_type text        NOT NULL,
    ext          text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE signatories
    ADD CONSTRAINT signatories_logo_sha_fkey FOREIGN KEY (logo_sha) REFERENCES logo_images,
    ADD CONSTRAINT signatories_original_sha_fkey FOREIGN KEY (original_sha) REFERENCES logo_originals;

-- One-time links sent to a contact: confirm the submission, or fix it
-- after staff asked for changes. Only the sha256 of the token is kept.
CREATE TABLE signatory_tokens (
    hash         bytea       PRIMARY KEY CHECK (octet_length(hash) = 32),
    signatory_id bigint      NOT NULL REFERENCES signatories ON DELETE CASCADE,
    purpose      text        NOT NULL CHECK (purpose IN ('confirm', 'change')),
    expires_at   timestamptz NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX signatory_tokens_signatory ON signatory_tokens (signatory_id);

-- Reasons staff pick from when rejecting a submission (edited as content).
CREATE TABLE rejection_reasons (
    slug     text    PRIMARY KEY CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    position integer NOT NULL
);
CREATE TABLE rejection_reason_texts (
    reason_slug text NOT NULL REFERENCES rejection_reasons ON UPDATE CASCADE ON DELETE CASCADE,
    lang        text NOT NULL CHECK (lang IN ('en', 'es')),
    -- What the contact reads in the rejection email.
    text        text NOT NULL CHECK (text <> ''),
    PRIMARY KEY (reason_slug, lang)
);
ALTER TABLE signatories ADD CONSTRAINT signatories_reject_reason_fkey
    FOREIGN KEY (reject_reason) REFERENCES rejection_reasons ON UPDATE CASCADE ON DELETE SET NULL;

-- Email waiting to be sent, and what became of it (the outbox). A row is
-- written in the same transaction as whatever caused it, with its job.
CREATE TABLE emails (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         text        NOT NULL,            -- 'signatory-confirm', ...
    to_address   text        NOT NULL CHECK (to_address ~ '^[^@\s]+@[^@\s]+$'),
    to_name      text        NOT NULL DEFAULT '',
    subject      text        NOT NULL,
    body         text        NOT NULL,
    headers      jsonb       NOT NULL DEFAULT '{}',
    signatory_id bigint      REFERENCES signatories ON DELETE SET NULL,
    status       text        NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
    -- 'smtp', or 'log' when no SMTP server is configured.
    sent_via     text        NOT NULL DEFAULT '',
    attempts     integer     NOT NULL DEFAULT 0,
    last_error   text        NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL DEFAULT now(),
    sent_at      timestamptz
);
CREATE INDEX emails_created ON emails (created_at DESC);
CREATE INDEX emails_to ON emails (lower(to_address));

-- Accepted public form posts, per form and address, for rate limits.
CREATE TABLE form_posts (
    form text        NOT NULL,
    ip   inet        NOT NULL,
    at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX form_posts_lookup ON form_posts (form, ip, at);

-- Keys for signing links and form stamps, made on first use.
CREATE TABLE site_keys (
    name       text        PRIMARY KEY,
    key        bytea       NOT NULL CHECK (octet_length(key) >= 32),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- +goose Down
DROP TABLE site_keys;
DROP TABLE form_posts;
DROP TABLE emails;
ALTER TABLE signatories DROP CONSTRAINT signatories_reject_reason_fkey;
DROP TABLE rejection_reason_texts;
DROP TABLE rejection_reasons;
DROP TABLE signatory_tokens;
ALTER TABLE signatories DROP CONSTRAINT signatories_logo_sha_fkey, DROP CONSTRAINT signatories_original_sha_fkey;
DROP TABLE logo_originals;
DROP TABLE logo_images;
DROP INDEX signatories_domain;
DROP INDEX signatories_name_key;
DROP INDEX signatories_status;
DELETE FROM signatories WHERE status NOT IN ('approved', 'hidden');
ALTER TABLE signatories DROP CONSTRAINT signatories_contact_email_check, DROP CONSTRAINT signatories_status_check;
ALTER TABLE signatories ADD CONSTRAINT signatories_status_check CHECK (status IN ('approved', 'hidden'));
ALTER TABLE signatories ALTER COLUMN status SET DEFAULT 'approved';
ALTER TABLE signatories
    DROP COLUMN country, DROP COLUMN org_type, DROP COLUMN contact_name, DROP COLUMN contact_email,
    DROP COLUMN contact_role, DROP COLUMN statement, DROP COLUMN lang, DROP COLUMN consent_at,
    DROP COLUMN name_key, DROP COLUMN domain, DROP COLUMN logo_sha, DROP COLUMN original_sha,
    DROP COLUMN reject_reason, DROP COLUMN review_note, DROP COLUMN source, DROP COLUMN confirmed_at,
    DROP COLUMN decided_at, DROP COLUMN erased_at, DROP COLUMN updated_at;
