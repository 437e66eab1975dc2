package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Audit actions of the media library.
const (
	ActionMediaAdd    = "media-add"
	ActionMediaUpdate = "media-update"
	ActionMediaDelete = "media-delete"
)

// MediaPerPage is how many images a page of the media library lists.
const MediaPerPage = 24

// ErrMediaInUse refuses to delete an image something shows.
var ErrMediaInUse = errors.New("store: the image is in use")

// MediaTexts are what staff write about an image.
type MediaTexts struct {
	AltEN, AltES         string
	Decorative           bool // shown with empty alt text: it says nothing the page does not
	CaptionEN, CaptionES string
	Credit               string
}

// MediaImage is an image of the media library, without its bytes.
type MediaImage struct {
	ID            int64
	ContentType   string // of the original
	Width, Height int
	Bytes         int64 // of the original
	MediaTexts
	CreatedAt  time.Time
	Renditions []MediaRendition // widest last within each format; the share crop last of all
}

// MediaRendition is one stored rendition of an image.
type MediaRendition struct {
	Width, Height int
	ContentType   string
	Hash          string // hex SHA-256 of the bytes
	Bytes         int
	Crop          bool // the 1200x630 share crop, not a scaled copy
}

// NewMediaRendition is a rendition to store.
type NewMediaRendition struct {
	Width, Height int
	ContentType   string
	Hash          string
	Crop          bool
	Data          []byte
}

// mediaExt are the file extensions renditions are served under.
var mediaExt = map[string]string{"image/webp": "webp", "image/jpeg": "jpg", "image/png": "png", "image/gif": "gif"}

// MediaContentType returns the content type of a rendition's extension.
func MediaContentType(ext string) (string, bool) {
	for ct, e := range mediaExt {
		if e == ext {
			return ct, true
		}
	}
	return "", false
}

// URL is the address the rendition is served at: it changes whenever its
// bytes do, so it may be cached for good.
func (r MediaRendition) URL() string { return "/media/" + r.Hash + "." + mediaExt[r.ContentType] }

// Thumb is the smallest WebP rendition, for lists.
func (m MediaImage) Thumb() MediaRendition {
	for _, r := range m.Renditions {
		if r.ContentType == "image/webp" && !r.Crop {
			return r
		}
	}
	if len(m.Renditions) > 0 {
		return m.Renditions[0]
	}
	return MediaRendition{}
}

// Share is the 1200x630 crop, and whether there is one.
func (m MediaImage) Share() (MediaRendition, bool) {
	for _, r := range m.Renditions {
		if r.Crop {
			return r, true
		}
	}
	return MediaRendition{}, false
}

// Scaled returns the scaled renditions of one content type, narrowest first.
func (m MediaImage) Scaled(contentType string) []MediaRendition {
	var rs []MediaRendition
	for _, r := range m.Renditions {
		if r.ContentType == contentType && !r.Crop {
			rs = append(rs, r)
		}
	}
	return rs
}

// Alt is the alt text in language lang ("en" or "es"): empty for a
// decorative image, English where the Spanish is missing.
func (t MediaTexts) Alt(lang string) string {
	if t.Decorative {
		return ""
	}
	if lang == "es" && t.AltES != "" {
		return t.AltES
	}
	return t.AltEN
}

// Caption is the caption in language lang, English where the Spanish is
// missing.
func (t MediaTexts) Caption(lang string) string {
	if lang == "es" && t.CaptionES != "" {
		return t.CaptionES
	}
	return t.CaptionEN
}

// CreateMedia stores an image, its renditions and its texts in one
// transaction, and returns its id.
func (s *Store) CreateMedia(ctx context.Context, original []byte, contentType string, width, height int, t MediaTexts, renditions []NewMediaRendition) (int64, error) {
	var id int64
	err := s.InTx(ctx, func(tx *Store) error {
		err := tx.db.QueryRow(ctx, `
			INSERT INTO media (content_type, width, height, original, alt_en, alt_es, decorative, caption_en, caption_es, credit)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
			contentType, width, height, original, t.AltEN, t.AltES, t.Decorative, t.CaptionEN, t.CaptionES, t.Credit).Scan(&id)
		if err != nil {
			return err
		}
		for _, r := range renditions {
			_, err := tx.db.Exec(ctx, `
				INSERT INTO media_renditions (hash, media_id, content_type, width, height, crop, data)
				VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
				r.Hash, id, r.ContentType, r.Width, r.Height, r.Crop, r.Data)
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: create media: %w", err)
	}
	return id, nil
}

// UpdateMediaTexts changes what staff wrote about image id.
func (s *Store) UpdateMediaTexts(ctx context.Context, id int64, t MediaTexts) error {
	tag, err := s.db.Exec(ctx, `
		UPDATE media SET alt_en = $2, alt_es = $3, decorative = $4, caption_en = $5, caption_es = $6, credit = $7, updated_at = now()
		WHERE id = $1`, id, t.AltEN, t.AltES, t.Decorative, t.CaptionEN, t.CaptionES, t.Credit)
	if err != nil {
		return fmt.Errorf("store: update media %d: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("store: media %d: %w", id, ErrNotFound)
	}
	return nil
}

// DeleteMedia deletes image id and its renditions, unless something uses
// it (ErrMediaInUse): the uses' foreign key refuses, so a use saved at the
// same moment cannot slip past the check.
func (s *Store) DeleteMedia(ctx context.Context, id int64) error {
	tag, err := s.db.Exec(ctx, `DELETE FROM media WHERE id = $1`, id)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23503" {
		return fmt.Errorf("store: delete media %d: %w", id, ErrMediaInUse)
	}
	if err != nil {
		return fmt.Errorf("store: delete media %d: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("store: media %d: %w", id, ErrNotFound)
	}
	return nil
}

const mediaColumns = `m.id, m.content_type, m.width, m.height, octet_length(m.original),
	m.alt_en, m.alt_es, m.decorative, m.caption_en, m.caption_es, m.credit, m.created_at`

func scanMedia(row pgx.CollectableRow) (MediaImage, error) {
	var m MediaImage
	err := row.Scan(&m.ID, &m.ContentType, &m.Width, &m.Height, &m.Bytes,
		&m.AltEN, &m.AltES, &m.Decorative, &m.CaptionEN, &m.CaptionES, &m.Credit, &m.CreatedAt)
	return m, err
}

// MediaImage returns image id with its renditions.
func (s *Store) MediaImage(ctx context.Context, id int64) (MediaImage, error) {
	ms, err := s.MediaImages(ctx, []int64{id})
	if err != nil {
		return MediaImage{}, err
	}
	m, ok := ms[id]
	if !ok {
		return MediaImage{}, fmt.Errorf("store: media %d: %w", id, ErrNotFound)
	}
	return m, nil
}

// MediaImages returns the images of ids that exist, with their renditions.
func (s *Store) MediaImages(ctx context.Context, ids []int64) (map[int64]MediaImage, error) {
	out := make(map[int64]MediaImage, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, _ := s.db.Query(ctx, `SELECT `+mediaColumns+` FROM media m WHERE m.id = ANY($1)`, ids)
	ms, err := pgx.CollectRows(rows, scanMedia)
	if err != nil {
		return nil, fmt.Errorf("store: media: %w", err)
	}
	if err := s.withRenditions(ctx, ms); err != nil {
		return nil, err
	}
	for _, m := range ms {
		out[m.ID] = m
	}
	return out, nil
}

// withRenditions fills in the renditions of ms.
func (s *Store) withRenditions(ctx context.Context, ms []MediaImage) error {
	if len(ms) == 0 {
		return nil
	}
	at := make(map[int64]int, len(ms))
	ids := make([]int64, len(ms))
	for i, m := range ms {
		at[m.ID], ids[i] = i, m.ID
	}
	rows, _ := s.db.Query(ctx, `
		SELECT media_id, width, height, content_type, hash, octet_length(data), crop
		FROM media_renditions WHERE media_id = ANY($1) ORDER BY media_id, crop, content_type, width`, ids)
	var id int64
	var r MediaRendition
	_, err := pgx.ForEachRow(rows, []any{&id, &r.Width, &r.Height, &r.ContentType, &r.Hash, &r.Bytes, &r.Crop}, func() error {
		m := &ms[at[id]]
		m.Renditions = append(m.Renditions, r)
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: media renditions: %w", err)
	}
	return nil
}

// ListMedia returns page (from 1) of the library, newest first, and how
// many images it holds.
func (s *Store) ListMedia(ctx context.Context, page int) ([]MediaImage, int, error) {
	var total int
	if err := s.db.QueryRow(ctx, `SELECT count(*) FROM media`).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count media: %w", err)
	}
	if page < 1 {
		page = 1
	}
	rows, _ := s.db.Query(ctx, `SELECT `+mediaColumns+` FROM media m ORDER BY m.created_at DESC, m.id DESC LIMIT $1 OFFSET $2`,
		MediaPerPage, int64(page-1)*MediaPerPage)
	ms, err := pgx.CollectRows(rows, scanMedia)
	if err != nil {
		return nil, 0, fmt.Errorf("store: list media: %w", err)
	}
	if err := s.withRenditions(ctx, ms); err != nil {
		return nil, 0, err
	}
	return ms, total, nil
}

// MediaRenditionData returns the bytes and content type of the rendition
// with this hash.
func (s *Store) MediaRenditionData(ctx context.Context, hash string) ([]byte, string, error) {
	var data []byte
	var ct string
	err := s.db.QueryRow(ctx, `SELECT data, content_type FROM media_renditions WHERE hash = $1 LIMIT 1`, hash).Scan(&data, &ct)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, "", fmt.Errorf("store: rendition %s: %w", hash, ErrNotFound)
	}
	if err != nil {
		return nil, "", fmt.Errorf("store: rendition %s: %w", hash, err)
	}
	return data, ct, nil
}

// MediaUse is a content item that shows an image.
type MediaUse struct {
	Kind, Key string
}

// SetMediaUses records that content item (kind, key) shows exactly the
// images ids (ids that do not exist are left out).
func (s *Store) SetMediaUses(ctx context.Context, kind, key string, ids []int64) error {
	return SetMediaUses(ctx, s.db, kind, key, ids)
}

// Execer is what SetMediaUses writes through: a pool or a transaction.
type Execer interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

// SetMediaUses is Store.SetMediaUses within db (the content editor's
// transaction).
func SetMediaUses(ctx context.Context, db Execer, kind, key string, ids []int64) error {
	if ids == nil {
		ids = []int64{}
	}
	_, err := db.Exec(ctx, `
		WITH gone AS (
			DELETE FROM media_uses WHERE kind = $1 AND key = $2 AND NOT (media_id = ANY($3))
		)
		INSERT INTO media_uses (media_id, kind, key)
		SELECT id, $1, $2 FROM media WHERE id = ANY($3)
		ON CONFLICT DO NOTHING`, kind, key, ids)
	if err != nil {
		return fmt.Errorf("store: media uses of %s %s: %w", kind, key, err)
	}
	return nil
}

// MediaUsesOf returns what uses image id.
func (s *Store) MediaUsesOf(ctx context.Context, id int64) ([]MediaUse, error) {
	rows, _ := s.db.Query(ctx, `SELECT kind, key FROM media_uses WHERE media_id = $1 ORDER BY kind, key`, id)
	uses, err := pgx.CollectRows(rows, pgx.RowToStructByPos[MediaUse])
	if err != nil {
		return nil, fmt.Errorf("store: uses of media %d: %w", id, err)
	}
	return uses, nil
}

// MediaUseCounts returns how many items use each of ids.
func (s *Store) MediaUseCounts(ctx context.Context, ids []int64) (map[int64]int, error) {
	rows, _ := s.db.Query(ctx, `SELECT media_id, count(*) FROM media_uses WHERE media_id = ANY($1) GROUP BY media_id`, ids)
	out := map[int64]int{}
	var id int64
	var n int
	_, err := pgx.ForEachRow(rows, []any{&id, &n}, func() error { out[id] = n; return nil })
	if err != nil {
		return nil, fmt.Errorf("store: media use counts: %w", err)
	}
	return out, nil
}
