package content

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/sswalliance/advocacy/internal/markdown"
	"github.com/sswalliance/advocacy/internal/store"
)

// Image fields hold the id of a media library image ("" for none); Markdown
// bodies name images as ![](media:ID). Both are checked against the library
// and recorded as the item's uses, so an image in use is never deleted.

func init() {
	withLeadImage(PageKind, leadImage, "pages", "slug")
	withLeadImage(BlogPostKind, leadImage, "blog_posts", "slug")
	withLeadImage(EditionKind, leadImage, "sswweek_editions", "year::text")
	withLeadImage(DayKind, leadImage, "sswweek_days", "id::text")
	withLeadImage(ResourceKind, coverImage, "resources", "slug")
	withLeadImage(CustomPageKind, leadImage, "custom_pages", "id::text")
}

// leadImage is the field pages, posts, editions, days and resources share.
var leadImage = Field{Name: "lead_image", Label: "Lead image", Type: Image,
	Hint:    "Shown at the top of the page and in link previews (its 1200x630 crop). Upload images in the media library first.",
	Options: mediaOptions}

// coverImage is leadImage as a resource calls it.
var coverImage = Field{Name: "lead_image", Label: "Cover image", Type: Image,
	Hint:    "Shown beside the resource and in link previews. Upload images in the media library first.",
	Options: mediaOptions}

// mediaChoices is how many of the newest images an Image field offers (an
// item's own image is offered however old it is).
const mediaChoices = 500

func mediaOptions(ctx context.Context, db DB, d Doc) ([]Option, error) {
	current, _ := strconv.ParseInt(d["lead_image"], 10, 64)
	rows, _ := db.Query(ctx, `
		SELECT id::text, '#' || id || ': ' || CASE WHEN decorative THEN '(decorative)' ELSE left(alt_en, 80) END || ' (' || width || 'x' || height || ')'
		FROM (SELECT * FROM media ORDER BY created_at DESC, id DESC LIMIT $1) m
		UNION ALL
		SELECT id::text, '#' || id || ': ' || CASE WHEN decorative THEN '(decorative)' ELSE left(alt_en, 80) END || ' (' || width || 'x' || height || ')'
		FROM media WHERE id = $2 AND id NOT IN (SELECT id FROM media ORDER BY created_at DESC, id DESC LIMIT $1)`,
		mediaChoices, current)
	opts, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Option])
	if err != nil {
		return nil, fmt.Errorf("content: media choices: %w", err)
	}
	return opts, nil
}

// withLeadImage adds a lead image field to k, stored in column lead_image
// of table, whose row the item's key names through keyColumn (an SQL
// expression of type text: "slug", "year::text").
func withLeadImage(k *Kind, f Field, table, keyColumn string) {
	k.Fields = append(k.Fields, f)
	load, save := k.Load, k.Save
	k.Load = func(ctx context.Context, db DB, key string) (Doc, error) {
		d, err := load(ctx, db, key)
		if err != nil {
			return nil, err
		}
		var id *int64
		err = db.QueryRow(ctx, `SELECT lead_image FROM `+table+` WHERE `+keyColumn+` = $1 LIMIT 1`, key).Scan(&id)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return nil, fmt.Errorf("content: lead image of %s %s: %w", k.Name, key, err)
		}
		if id != nil {
			d[f.Name] = strconv.FormatInt(*id, 10)
		}
		return d, nil
	}
	k.Save = func(ctx context.Context, db DB, key string, d Doc) (string, error) {
		key, err := save(ctx, db, key, d)
		if err != nil {
			return "", err
		}
		var id *int64
		if n, err := strconv.ParseInt(d[f.Name], 10, 64); err == nil {
			id = &n
		}
		if _, err := db.Exec(ctx, `UPDATE `+table+` SET lead_image = $2 WHERE `+keyColumn+` = $1`, key, id); err != nil {
			return "", fmt.Errorf("content: lead image of %s %s: %w", k.Name, key, err)
		}
		return key, nil
	}
}

// mediaIDs returns the library images d shows: its Image fields and the
// images its Markdown fields name.
func mediaIDs(k *Kind, d Doc) []int64 {
	var ids []int64
	for _, f := range k.Fields {
		for dk, v := range d {
			if name, _, _ := strings.Cut(dk, "."); name != f.Name || v == "" {
				continue
			}
			switch f.Type {
			case Image:
				if id, err := strconv.ParseInt(v, 10, 64); err == nil {
					ids = append(ids, id)
				}
			case Markdown:
				ids = append(ids, markdown.MediaIDs(v)...)
			}
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// syncMediaUses records the images item key shows in its live version,
// its draft, and docs (a version being written): what it shows now or
// will once published.
func syncMediaUses(ctx context.Context, db DB, k *Kind, key string, docs ...Doc) error {
	it, err := Get(ctx, db, k, key)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	var ids []int64
	for _, d := range append(docs, it.Live, it.Draft) {
		if d != nil {
			ids = append(ids, mediaIDs(k, d)...)
		}
	}
	return store.SetMediaUses(ctx, db, k.Name, key, ids)
}

// forgetMediaUses drops the uses of item key and of the items that belong
// to it, which are being deleted.
func forgetMediaUses(ctx context.Context, db DB, k *Kind, key string) error {
	_, err := db.Exec(ctx, `
		DELETE FROM media_uses u WHERE (u.kind = $1 AND u.key = $2)
			OR EXISTS (SELECT 1 FROM content_items c WHERE c.kind = u.kind AND c.key = u.key AND c.kind = ANY($3) AND c.parent = $2)`,
		k.Name, key, childKinds(k))
	if err != nil {
		return fmt.Errorf("content: forget media uses of %s %s: %w", k.Name, key, err)
	}
	return nil
}

// missingImages returns the ids among ids that are not in the library.
func missingImages(ctx context.Context, db DB, ids []int64) ([]int64, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, _ := db.Query(ctx, `SELECT x FROM unnest($1::bigint[]) x WHERE NOT EXISTS (SELECT 1 FROM media WHERE id = x)`, ids)
	missing, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("content: check images: %w", err)
	}
	return missing, nil
}

// LockImages locks the library images d shows until db's transaction ends,
// so that none can be deleted before d's uses are recorded, and returns
// those no longer in the library: deleted since d was checked. It must
// run before d is written (a use written first would wait for a delete
// under way and then fail on its foreign key).
func LockImages(ctx context.Context, db DB, k *Kind, d Doc) ([]int64, error) {
	ids := mediaIDs(k, d)
	if len(ids) == 0 {
		return nil, nil
	}
	rows, _ := db.Query(ctx, `SELECT id FROM media WHERE id = ANY($1) FOR KEY SHARE`, ids)
	found, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("content: lock images: %w", err)
	}
	var missing []int64
	for _, id := range ids {
		if !slices.Contains(found, id) {
			missing = append(missing, id)
		}
	}
	return missing, nil
}
