-- +goose Up
-- The media library: images staff upload, the renditions the site serves
-- (made once, at upload, and addressed by the SHA-256 of their bytes), and
-- what uses each image, so one in use is never deleted.
CREATE TABLE media (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    content_type text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/gif', 'image/webp')),
    width        integer NOT NULL CHECK (width > 0),
    height       integer NOT NULL CHECK (height > 0),
    original     bytea NOT NULL,
    alt_en       text NOT NULL DEFAULT '' CHECK (length(alt_en) <= 300),
    alt_es       text NOT NULL DEFAULT '' CHECK (length(alt_es) <= 300),
    decorative   boolean NOT NULL DEFAULT false,
    caption_en   text NOT NULL DEFAULT '' CHECK (length(caption_en) <= 500),
    caption_es   text NOT NULL DEFAULT '' CHECK (length(caption_es) <= 500),
    credit       text NOT NULL DEFAULT '' CHECK (length(credit) <= 200),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    -- An image says what it shows in both languages, or is marked decorative.
    CHECK (decorative OR (alt_en <> '' AND alt_es <> ''))
);
CREATE INDEX media_newest ON media (created_at DESC, id DESC);

CREATE TABLE media_renditions (
    hash         text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    media_id     bigint NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    content_type text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/gif', 'image/webp')),
    width        integer NOT NULL CHECK (width > 0),
    height       integer NOT NULL CHECK (height > 0),
    crop         boolean NOT NULL DEFAULT false,
    data         bytea NOT NULL,
    -- The same bytes may belong to two images (one file uploaded twice):
    -- each keeps its own row, so deleting one leaves the other whole.
    PRIMARY KEY (hash, media_id)
);
CREATE INDEX media_renditions_media ON media_renditions (media_id);

-- One row per content item (kind, key) per image it shows, as last saved
-- (a draft's uses count: publishing it must not find its image gone).
CREATE TABLE media_uses (
    media_id bigint NOT NULL REFERENCES media (id) ON DELETE RESTRICT,
    kind     text NOT NULL,
    key      text NOT NULL,
    PRIMARY KEY (media_id, kind, key)
);
CREATE INDEX media_uses_item ON media_uses (kind, key);

CREATE TRIGGER media_notify AFTER INSERT OR UPDATE OR DELETE ON media
    FOR EACH ROW EXECUTE FUNCTION notify_public_pages();
CREATE TRIGGER media_notify_truncate AFTER TRUNCATE ON media
    FOR EACH STATEMENT EXECUTE FUNCTION notify_public_pages();

-- +goose Down
DROP TABLE media_uses;
DROP TABLE media_renditions;
DROP TABLE media;
