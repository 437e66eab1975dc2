package store

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// FileMeta describes a stored file without its bytes, so a conditional
// request can be answered without reading them.
type FileMeta struct {
	ID          int64
	Name        string
	ContentType string
	Size        int64
	SHA256      []byte
	CreatedAt   time.Time
	// Public is set when a published resource links the file: only then
	// may anyone download it. The live resource tables hold published
	// versions only (drafts live in content_items), so a draft's upload,
	// a file taken off a resource and an upload whose form was refused
	// are all not public.
	Public bool
}

// FileMeta returns the description of file id.
func (s *Store) FileMeta(ctx context.Context, id int64) (FileMeta, error) {
	var f FileMeta
	err := s.db.QueryRow(ctx, `
		SELECT id, name, content_type, size, sha256, created_at,
			EXISTS (SELECT 1 FROM resource_files rf WHERE rf.file_id = files.id)
		FROM files WHERE id = $1`, id).
		Scan(&f.ID, &f.Name, &f.ContentType, &f.Size, &f.SHA256, &f.CreatedAt, &f.Public)
	if errors.Is(err, pgx.ErrNoRows) {
		return FileMeta{}, fmt.Errorf("store: file %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return FileMeta{}, fmt.Errorf("store: file %d: %w", id, err)
	}
	return f, nil
}

// FileData returns the bytes of file id, all at once: for small files and
// tests. Downloads read files in chunks (FileChunk).
func (s *Store) FileData(ctx context.Context, id int64) ([]byte, error) {
	var data []byte
	err := s.db.QueryRow(ctx, `SELECT data FROM files WHERE id = $1`, id).Scan(&data)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("store: data of file %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: data of file %d: %w", id, err)
	}
	return data, nil
}

// FileChunk returns up to n bytes of file id from byte offset off (counted
// from 0): fewer at the end of the file, none past it. The column is stored
// uncompressed out of line (migration 00012), so Postgres reads only the
// TOAST chunks of the range; each call is one short query, so the pool's
// connection is back in the pool before the bytes are used.
func (s *Store) FileChunk(ctx context.Context, id, off int64, n int) ([]byte, error) {
	var data []byte
	err := s.db.QueryRow(ctx, `SELECT substring(data from $2::int + 1 for $3::int) FROM files WHERE id = $1`, id, off, n).Scan(&data)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("store: data of file %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: data of file %d at %d: %w", id, off, err)
	}
	return data, nil
}

// CreateFile stores a file and returns its id. name must be a plain file
// name (letters, digits, dot, dash, underscore).
func (s *Store) CreateFile(ctx context.Context, name, contentType string, data []byte) (int64, error) {
	sum := sha256.Sum256(data)
	var id int64
	err := s.db.QueryRow(ctx, `
		INSERT INTO files (name, content_type, sha256, data) VALUES ($1, $2, $3, $4)
		RETURNING id`, name, contentType, sum[:], data).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: create file %q: %w", name, err)
	}
	return id, nil
}

// CountDownload adds one to today's download count of file id. Nothing
// about the visitor is recorded.
func (s *Store) CountDownload(ctx context.Context, id int64) error {
	_, err := s.db.Exec(ctx, `
		INSERT INTO file_downloads (file_id, day, count) VALUES ($1, current_date, 1)
		ON CONFLICT (file_id, day) DO UPDATE SET count = file_downloads.count + 1`, id)
	if err != nil {
		return fmt.Errorf("store: count download of file %d: %w", id, err)
	}
	return nil
}

// Downloads returns how many times file id has been downloaded, all days
// together.
func (s *Store) Downloads(ctx context.Context, id int64) (int64, error) {
	var n int64
	err := s.db.QueryRow(ctx, `SELECT coalesce(sum(count), 0)::bigint FROM file_downloads WHERE file_id = $1`, id).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: downloads of file %d: %w", id, err)
	}
	return n, nil
}

// FileRef names a content field whose value is a file id: a kind of
// content_items and the doc key holding the id ("resource-file", "file").
type FileRef struct {
	Kind, Field string
}

// DeleteUnusedFiles deletes the files uploaded before cutoff that nothing
// refers to: no published resource links them, and no draft or revision of
// the content fields refs names holds their id. A file a revision still
// names stays, so restoring that revision finds its upload. It returns how
// many files it deleted.
//
// A published link is a foreign key, so a publish racing this delete
// either keeps the file or fails. A draft saved in the same instant, from a
// form kept open past the grace period, can name a file just deleted; the
// editor is then asked to upload it again (the resource-file kind checks
// that its upload exists) before it can be published.
func (s *Store) DeleteUnusedFiles(ctx context.Context, cutoff time.Time, refs []FileRef) (int64, error) {
	kinds := make([]string, len(refs))
	fields := make([]string, len(refs))
	for i, r := range refs {
		kinds[i], fields[i] = r.Kind, r.Field
	}
	tag, err := s.db.Exec(ctx, `
		WITH ref AS (
			SELECT * FROM unnest($2::text[], $3::text[]) AS ref(kind, field)
		), named AS (
			SELECT c.draft ->> ref.field AS id FROM ref JOIN content_items c ON c.kind = ref.kind
			UNION
			SELECT rv.doc ->> ref.field FROM ref JOIN revisions rv ON rv.kind = ref.kind
		)
		DELETE FROM files f
		WHERE f.created_at < $1
			AND NOT EXISTS (SELECT 1 FROM resource_files rf WHERE rf.file_id = f.id)
			AND NOT EXISTS (SELECT 1 FROM named WHERE named.id = f.id::text)`, cutoff, kinds, fields)
	if err != nil {
		return 0, fmt.Errorf("store: delete unused files: %w", err)
	}
	return tag.RowsAffected(), nil
}
