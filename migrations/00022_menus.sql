-- +goose Up
-- The site's two menus, edited as content: the main navigation in the
-- header and the links in the footer. The set of menus is fixed (the
-- layout has a place for each); their entries are not.
CREATE TABLE menus (
    slug        text    PRIMARY KEY CHECK (slug IN ('main', 'footer')),
    -- How many entries the menu may hold: the header's row of links has to
    -- fit a phone's width when it wraps, the footer's list less so.
    max_entries integer NOT NULL CHECK (max_entries BETWEEN 1 AND 100)
);

-- The menu's name, which screen readers announce for its list of links.
CREATE TABLE menu_texts (
    menu_slug text NOT NULL REFERENCES menus ON DELETE CASCADE ON UPDATE CASCADE,
    lang      text NOT NULL CHECK (lang IN ('en', 'es')),
    name      text NOT NULL CHECK (name <> '' AND char_length(name) <= 60),
    PRIMARY KEY (menu_slug, lang)
);

-- An entry links to a page of this site ("/toolkit", shown in the
-- visitor's language) or to another site (an https:// address).
CREATE TABLE menu_entries (
    id        bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    menu_slug text    NOT NULL REFERENCES menus ON DELETE CASCADE ON UPDATE CASCADE,
    position  integer NOT NULL,
    target    text    NOT NULL CONSTRAINT menu_entries_target CHECK (
        char_length(target) <= 300 AND (
            target ~ '^/([^/[:space:]\\][^[:space:]\\]*)?$' OR
            target ~ '^https://[^/[:space:]\\@][^[:space:]\\]*$')),
    UNIQUE (menu_slug, position)
);

-- A language without a row shows the English label.
CREATE TABLE menu_entry_texts (
    entry_id bigint NOT NULL REFERENCES menu_entries ON DELETE CASCADE,
    lang     text   NOT NULL CHECK (lang IN ('en', 'es')),
    label    text   NOT NULL CHECK (label <> '' AND char_length(label) <= 40),
    PRIMARY KEY (entry_id, lang)
);

-- The bound on a menu's entries holds however they are written: the
-- editor checks it to say so beside the form, and this has the last word
-- (two drafts published at once). Locking the menu's row makes the count
-- and the insert one step.
-- +goose StatementBegin
CREATE FUNCTION menu_entries_bound() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    most integer;
    n    integer;
BEGIN
    SELECT max_entries INTO most FROM menus WHERE slug = NEW.menu_slug FOR UPDATE;
    SELECT count(*) INTO n FROM menu_entries WHERE menu_slug = NEW.menu_slug AND id <> NEW.id;
    IF most IS NOT NULL AND n >= most THEN
        RAISE EXCEPTION 'menu % holds at most % entries', NEW.menu_slug, most
            USING ERRCODE = 'check_violation', CONSTRAINT = 'menu_entries_bound';
    END IF;
    RETURN NEW;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER menu_entries_bound BEFORE INSERT OR UPDATE OF menu_slug ON menu_entries
    FOR EACH ROW EXECUTE FUNCTION menu_entries_bound();

-- Public pages show the menus: a change makes every instance's kept pages
-- stale, as for the other public tables (00016).
-- +goose StatementBegin
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['menus', 'menu_texts', 'menu_entries', 'menu_entry_texts'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I
            FOR EACH ROW EXECUTE FUNCTION notify_public_pages()', t || '_notify', t);
        EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I
            FOR EACH STATEMENT EXECUTE FUNCTION notify_public_pages()', t || '_notify_truncate', t);
    END LOOP;
END
$$;
-- +goose StatementEnd

-- The menus as the layout had them built in.
INSERT INTO menus (slug, max_entries) VALUES ('main', 12), ('footer', 24);
INSERT INTO menu_texts (menu_slug, lang, name) VALUES
    ('main', 'en', 'Main'), ('main', 'es', 'Principal'),
    ('footer', 'en', 'About this site'), ('footer', 'es', 'Sobre este sitio');

-- +goose StatementBegin
DO $$
DECLARE
    e record;
    id bigint;
BEGIN
    FOR e IN SELECT * FROM (VALUES
        ('main', 1, '/key-messages', 'Key messages', 'Mensajes clave'),
        ('main', 2, '/call-to-action', 'Call to Action', 'Llamado a la acción'),
        ('main', 3, '/toolkit', 'Toolkit', 'Herramientas'),
        ('main', 4, '/resources', 'Resources', 'Recursos'),
        ('main', 5, '/sswweek', 'SSWWeek', 'SSWWeek'),
        ('main', 6, '/events', 'Events', 'Eventos'),
        ('footer', 1, '/blog', 'Blog', 'Blog'),
        ('footer', 2, '/about', 'About and contact', 'Quiénes somos y contacto'),
        ('footer', 3, '/privacy', 'Privacy notice', 'Aviso de privacidad'),
        ('footer', 4, '/accessibility', 'Accessibility', 'Accesibilidad')
    ) AS v (menu, pos, target, en, es) LOOP
        INSERT INTO menu_entries (menu_slug, position, target) VALUES (e.menu, e.pos, e.target) RETURNING menu_entries.id INTO id;
        INSERT INTO menu_entry_texts (entry_id, lang, label) VALUES (id, 'en', e.en), (id, 'es', e.es);
    END LOOP;
END
$$;
-- +goose StatementEnd

-- +goose Down
DROP TABLE menu_entry_texts, menu_entries, menu_texts, menus;
DROP FUNCTION menu_entries_bound();
