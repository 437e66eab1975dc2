-- +goose Up
-- Every write to what public pages show notifies the channel
-- public_pages, which each instance of the site listens on to make its
-- kept pages stale (package pagecache). A notification is sent on
-- commit, never for a transaction rolled back (the editor's previews),
-- and once per transaction however many rows it wrote. Row triggers, so
-- that a statement that writes nothing (a scheduled publish finding
-- nothing due) notifies nobody. What visitors write alone (a signature
-- waiting for review, a logo uploaded with it, a sign-up) changes no
-- public page and notifies nobody: a signatory notifies when it is, or
-- was, approved.
-- +goose StatementBegin
CREATE FUNCTION notify_public_pages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('public_pages', '');
    RETURN NULL;
END
$$;
-- +goose StatementEnd

-- +goose StatementBegin
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY[
        'audiences', 'audience_texts', 'key_messages', 'key_message_texts',
        'blog_posts', 'blog_post_texts',
        'calendar_events', 'calendar_event_texts', 'calendar_event_themes',
        'content_items', 'cta_recommendations', 'cta_recommendation_texts',
        'files', 'pages', 'page_sections',
        'resources', 'resource_texts', 'resource_files', 'resource_links',
        'resource_topics', 'resource_types', 'resource_type_texts',
        'topics', 'topic_texts',
        'sswweek_editions', 'sswweek_edition_texts', 'sswweek_days', 'sswweek_day_texts',
        'sswweek_day_resources', 'sswweek_events', 'sswweek_event_texts', 'sswweek_chat_questions'
    ] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I
            FOR EACH ROW EXECUTE FUNCTION notify_public_pages()', t || '_notify', t);
        EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I
            FOR EACH STATEMENT EXECUTE FUNCTION notify_public_pages()', t || '_notify_truncate', t);
    END LOOP;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER signatories_notify_insert AFTER INSERT ON signatories
    FOR EACH ROW WHEN (NEW.status = 'approved') EXECUTE FUNCTION notify_public_pages();
CREATE TRIGGER signatories_notify_update AFTER UPDATE ON signatories
    FOR EACH ROW WHEN (OLD.status = 'approved' OR NEW.status = 'approved') EXECUTE FUNCTION notify_public_pages();
CREATE TRIGGER signatories_notify_delete AFTER DELETE ON signatories
    FOR EACH ROW WHEN (OLD.status = 'approved') EXECUTE FUNCTION notify_public_pages();
CREATE TRIGGER signatories_notify_truncate AFTER TRUNCATE ON signatories
    FOR EACH STATEMENT EXECUTE FUNCTION notify_public_pages();

-- +goose Down
-- +goose StatementBegin
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT tgname, tgrelid::regclass AS tbl FROM pg_trigger
             WHERE tgfoid = 'notify_public_pages'::regproc LOOP
        EXECUTE format('DROP TRIGGER %I ON %s', r.tgname, r.tbl);
    END LOOP;
END
$$;
-- +goose StatementEnd
DROP FUNCTION notify_public_pages();
