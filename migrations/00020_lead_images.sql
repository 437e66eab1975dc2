-- +goose Up
-- Lead images: what pages, blog posts, SSWWeek editions and days, and
-- resources (their cover) show at the top and in link previews. An image
-- shown cannot be deleted (RESTRICT, besides media_uses, which also counts
-- drafts and Markdown bodies).
ALTER TABLE pages ADD COLUMN lead_image bigint REFERENCES media (id) ON DELETE RESTRICT;
ALTER TABLE blog_posts ADD COLUMN lead_image bigint REFERENCES media (id) ON DELETE RESTRICT;
ALTER TABLE sswweek_editions ADD COLUMN lead_image bigint REFERENCES media (id) ON DELETE RESTRICT;
ALTER TABLE sswweek_days ADD COLUMN lead_image bigint REFERENCES media (id) ON DELETE RESTRICT;
ALTER TABLE resources ADD COLUMN lead_image bigint REFERENCES media (id) ON DELETE RESTRICT;

-- +goose Down
ALTER TABLE resources DROP COLUMN lead_image;
ALTER TABLE sswweek_days DROP COLUMN lead_image;
ALTER TABLE sswweek_editions DROP COLUMN lead_image;
ALTER TABLE blog_posts DROP COLUMN lead_image;
ALTER TABLE pages DROP COLUMN lead_image;
