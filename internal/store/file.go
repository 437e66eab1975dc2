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
}

// FileMeta returns the description of file id.
func (s *Store) FileMeta(ctx context.Context, id int64) (FileMeta, error) {
	var f FileMeta
	err := s.db.QueryRow(ctx, `
		SELECT id, name, content_type, size, sha256, created_at
		FROM files WHERE id = $1`, id).
		Scan(&f.ID, &f.Name, &f.ContentType, &f.Size, &f.SHA256, &f.CreatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return FileMeta{}, fmt.Errorf("store: file %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return FileMeta{}, fmt.Errorf("store: file %d: %w", id, err)
	}
	return f, nil
}

// FileData returns the bytes of file id.
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
