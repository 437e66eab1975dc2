-- +goose Up
-- The advocacy calendar: observances and events worth speaking up on.
-- Yearly dates are stored as rules, so the calendar runs on by itself:
--   'fixed'       the same month and day every year (Human Rights Day, 10 Dec)
--   'nth-weekday' the nth weekday of a month (World Social Work Day: the
--                 third Tuesday of March); nth = -1 means the last one
--   'once'        a single date range (a conference, a webinar)
-- SSWWeek editions and their webinars come from the sswweek tables.
CREATE TABLE calendar_events (
    id        bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug      text    NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    kind      text    NOT NULL CHECK (kind IN ('observance', 'un-day', 'alliance', 'webinar', 'conference')),
    rule      text    NOT NULL CHECK (rule IN ('fixed', 'nth-weekday', 'once')),
    month     integer CHECK (month BETWEEN 1 AND 12),
    day       integer CHECK (day BETWEEN 1 AND 31),
    weekday   integer CHECK (weekday BETWEEN 0 AND 6), -- 0 = Sunday
    nth       integer CHECK (nth IN (-1, 1, 2, 3, 4, 5)),
    duration_days integer NOT NULL DEFAULT 1 CHECK (duration_days BETWEEN 1 AND 31),
    starts_on date,
    ends_on   date,
    first_year integer, -- the first year a yearly rule applies
    url       text    NOT NULL DEFAULT '' CHECK (url = '' OR url ~ '^https?://'),
    CHECK (rule <> 'fixed' OR (month IS NOT NULL AND day IS NOT NULL)),
    CHECK (rule <> 'nth-weekday' OR (month IS NOT NULL AND weekday IS NOT NULL AND nth IS NOT NULL)),
    CHECK (rule <> 'once' OR (starts_on IS NOT NULL AND ends_on IS NOT NULL AND ends_on >= starts_on))
);

CREATE TABLE calendar_event_texts (
    event_id    bigint NOT NULL REFERENCES calendar_events ON DELETE CASCADE,
    lang        text   NOT NULL CHECK (lang IN ('en', 'es')),
    title       text   NOT NULL CHECK (title <> ''),
    description text   NOT NULL DEFAULT '', -- what it is
    actions     text   NOT NULL DEFAULT '', -- Markdown: suggested actions
    PRIMARY KEY (event_id, lang)
);

-- A yearly event's theme for one year (World Social Work Day 2021: "Ubuntu:
-- I Am Because We Are").
CREATE TABLE calendar_event_themes (
    event_id bigint  NOT NULL REFERENCES calendar_events ON DELETE CASCADE,
    year     integer NOT NULL,
    lang     text    NOT NULL CHECK (lang IN ('en', 'es')),
    theme    text    NOT NULL CHECK (theme <> ''),
    PRIMARY KEY (event_id, year, lang)
);

-- +goose Down
DROP TABLE calendar_event_themes;
DROP TABLE calendar_event_texts;
DROP TABLE calendar_events;
