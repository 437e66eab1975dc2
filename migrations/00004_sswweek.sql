-- +goose Up
-- Social Service Workforce Week: one edition a year, its days, its events
-- (webinars and chats) and the blog posts written for it.
CREATE TABLE sswweek_editions (
    year           integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
    ordinal        integer NOT NULL UNIQUE CHECK (ordinal > 0), -- 2018 is the 5th
    starts_on      date    NOT NULL,
    ends_on        date    NOT NULL,
    -- 'day' when the dates are known; 'month' when only the month is (the
    -- page then shows "April 2014" rather than invented days).
    date_precision text    NOT NULL DEFAULT 'day' CHECK (date_precision IN ('day', 'month')),
    time_zone      text    NOT NULL DEFAULT 'America/New_York', -- the organiser's IANA zone
    hashtag        text    NOT NULL DEFAULT '#SSWWeek',
    CHECK (ends_on >= starts_on),
    CHECK (extract(year FROM starts_on) = year)
);

CREATE TABLE sswweek_edition_texts (
    year    integer NOT NULL REFERENCES sswweek_editions ON DELETE CASCADE ON UPDATE CASCADE,
    lang    text    NOT NULL CHECK (lang IN ('en', 'es')),
    theme   text    NOT NULL CHECK (theme <> ''),
    summary text    NOT NULL DEFAULT '',
    body    text    NOT NULL DEFAULT '', -- Markdown
    PRIMARY KEY (year, lang)
);

CREATE TABLE sswweek_days (
    id     bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year   integer NOT NULL REFERENCES sswweek_editions ON DELETE CASCADE ON UPDATE CASCADE,
    number integer NOT NULL CHECK (number BETWEEN 1 AND 7),
    day    date    NOT NULL,
    UNIQUE (year, number)
);

CREATE TABLE sswweek_day_texts (
    day_id bigint NOT NULL REFERENCES sswweek_days ON DELETE CASCADE,
    lang   text   NOT NULL CHECK (lang IN ('en', 'es')),
    topic  text   NOT NULL CHECK (topic <> ''),
    body   text   NOT NULL DEFAULT '', -- Markdown
    PRIMARY KEY (day_id, lang)
);

CREATE TABLE sswweek_day_resources (
    day_id      bigint  NOT NULL REFERENCES sswweek_days ON DELETE CASCADE,
    resource_id bigint  NOT NULL REFERENCES resources ON DELETE CASCADE,
    position    integer NOT NULL,
    PRIMARY KEY (day_id, resource_id)
);

-- Webinars and Twitter/X chats. Times are stored in UTC (timestamptz) and
-- shown in the edition's time zone with the zone named. ends_at is NULL when
-- only the start is on record (better no end than an invented one).
CREATE TABLE sswweek_events (
    id        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year      integer     NOT NULL REFERENCES sswweek_editions ON DELETE CASCADE ON UPDATE CASCADE,
    day_id    bigint      REFERENCES sswweek_days ON DELETE SET NULL,
    kind      text        NOT NULL CHECK (kind IN ('webinar', 'chat')),
    starts_at timestamptz NOT NULL,
    ends_at   timestamptz CHECK (ends_at > starts_at),
    hosts     text        NOT NULL DEFAULT '', -- comma-separated: "@SSWAlliance, @MtotoNews"
    hashtag   text        NOT NULL DEFAULT '',
    url       text        NOT NULL DEFAULT '' CHECK (url = '' OR url ~ '^https?://')
);
CREATE INDEX sswweek_events_year ON sswweek_events (year, starts_at);

CREATE TABLE sswweek_event_texts (
    event_id    bigint NOT NULL REFERENCES sswweek_events ON DELETE CASCADE,
    lang        text   NOT NULL CHECK (lang IN ('en', 'es')),
    title       text   NOT NULL CHECK (title <> ''),
    description text   NOT NULL DEFAULT '', -- Markdown
    PRIMARY KEY (event_id, lang)
);

-- A chat's numbered questions.
CREATE TABLE sswweek_chat_questions (
    event_id bigint  NOT NULL REFERENCES sswweek_events ON DELETE CASCADE,
    number   integer NOT NULL CHECK (number > 0),
    lang     text    NOT NULL CHECK (lang IN ('en', 'es')),
    question text    NOT NULL CHECK (question <> ''),
    PRIMARY KEY (event_id, number, lang)
);

CREATE TABLE blog_posts (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug         text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    author       text        NOT NULL CHECK (author <> ''), -- name and organisation, as credited
    published_at timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    year         integer     REFERENCES sswweek_editions ON DELETE SET NULL ON UPDATE CASCADE,
    day_id       bigint      REFERENCES sswweek_days ON DELETE SET NULL
);
CREATE INDEX blog_posts_published ON blog_posts (published_at DESC);
CREATE INDEX blog_posts_year ON blog_posts (year, day_id);

CREATE TABLE blog_post_texts (
    post_id bigint NOT NULL REFERENCES blog_posts ON DELETE CASCADE,
    lang    text   NOT NULL CHECK (lang IN ('en', 'es')),
    title   text   NOT NULL CHECK (title <> ''),
    summary text   NOT NULL DEFAULT '',
    body    text   NOT NULL DEFAULT '', -- Markdown
    PRIMARY KEY (post_id, lang)
);

-- +goose Down
DROP TABLE blog_post_texts;
DROP TABLE blog_posts;
DROP TABLE sswweek_chat_questions;
DROP TABLE sswweek_event_texts;
DROP TABLE sswweek_events;
DROP TABLE sswweek_day_resources;
DROP TABLE sswweek_day_texts;
DROP TABLE sswweek_days;
DROP TABLE sswweek_edition_texts;
DROP TABLE sswweek_editions;
