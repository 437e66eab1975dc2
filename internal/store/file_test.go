package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"io/fs"
	"strings"
	"testing"

	"github.com/sswalliance/advocacy/internal/dbtest"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/migrations"
)

func TestFileRoundTrip(t *testing.T) {
	ctx := context.Background()
	st := store.New(dbtest.New(t))
	data := []byte("%PDF-1.4 not really")
	id, err := st.CreateFile(ctx, "test.pdf", "application/pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	meta, err := st.FileMeta(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if meta.Name != "test.pdf" || meta.ContentType != "application/pdf" || meta.Size != int64(len(data)) || !bytes.Equal(meta.SHA256, sum[:]) {
		t.Errorf("meta = %+v", meta)
	}
	got, err := st.FileData(ctx, id)
	if err != nil || !bytes.Equal(got, data) {
		t.Errorf("data = %q, %v", got, err)
	}
	for range 3 {
		if err := st.CountDownload(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := st.Downloads(ctx, id); err != nil || n != 3 {
		t.Errorf("downloads = %d, %v", n, err)
	}
	if _, err := st.FileMeta(ctx, id+1); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing file meta: %v", err)
	}
	if _, err := st.FileData(ctx, id+1); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing file data: %v", err)
	}
	// Names are plain file names: no paths, no header tricks.
	for _, bad := range []string{"../etc/passwd", "a\"b.pdf", "", ".hidden"} {
		if _, err := st.CreateFile(ctx, bad, "application/pdf", data); err == nil {
			t.Errorf("name %q accepted", bad)
		}
	}
}

// pattern is n cheap, deterministic bytes that compress about as well as a
// document: a quarter of them pseudo-random, the rest all the same.
func pattern(n int) []byte {
	b := make([]byte, n)
	x := uint32(1)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		if b[i] = 'a'; x%4 == 0 {
			b[i] = byte(x)
		}
	}
	return b
}

func TestFileChunksReadTheirRangeOnly(t *testing.T) {
	ctx := context.Background()
	pool := dbtest.New(t)
	st := store.New(pool)
	data := pattern(4 << 20)
	id, err := st.CreateFile(ctx, "big.pdf", "application/pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		off  int64
		n    int
		want []byte
	}{
		{0, 1, data[:1]},
		{1 << 20, 1 << 20, data[1<<20 : 2<<20]},
		{int64(len(data)) - 3, 1 << 20, data[len(data)-3:]}, // the end: fewer
		{int64(len(data)), 10, nil},                         // past it: none
	} {
		got, err := st.FileChunk(ctx, id, c.off, c.n)
		if err != nil || !bytes.Equal(got, c.want) {
			t.Errorf("FileChunk(%d, %d) = %d bytes, %v; want %d bytes", c.off, c.n, len(got), err, len(c.want))
		}
	}
	if _, err := st.FileChunk(ctx, id+1, 0, 10); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing file: %v", err)
	}

	// Stored uncompressed out of line, a byte near the end costs a few
	// pages. Compressed, Postgres would decompress everything before it
	// (some 240 pages of this file).
	var plan []struct {
		Plan struct {
			Hit  int `json:"Shared Hit Blocks"`
			Read int `json:"Shared Read Blocks"`
		}
	}
	if err := pool.QueryRow(ctx, `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT substring(data from 4000001 for 1) FROM files WHERE id = $1`, id).Scan(&plan); err != nil {
		t.Fatal(err)
	}
	if blocks := plan[0].Plan.Hit + plan[0].Plan.Read; blocks > 50 {
		t.Errorf("reading one byte touched %d blocks", blocks)
	}
}

func TestFilesMigrationRewritesCompressedFiles(t *testing.T) {
	ctx := context.Background()
	pool := dbtest.New(t)
	st := store.New(pool)
	// A file stored before migration 00012, compressed.
	if _, err := pool.Exec(ctx, `ALTER TABLE files ALTER COLUMN data SET STORAGE EXTENDED`); err != nil {
		t.Fatal(err)
	}
	data := pattern(1 << 20)
	id, err := st.CreateFile(ctx, "old.pdf", "application/pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	compressed := func() (method *string) {
		t.Helper()
		if err := pool.QueryRow(ctx, `SELECT pg_column_compression(data) FROM files WHERE id = $1`, id).Scan(&method); err != nil {
			t.Fatal(err)
		}
		return method
	}
	if compressed() == nil {
		t.Fatal("the file was not stored compressed to begin with")
	}
	src, err := fs.ReadFile(migrations.FS, "00012_files_external.sql")
	if err != nil {
		t.Fatal(err)
	}
	up, _, _ := strings.Cut(string(src), "-- +goose Down")
	if _, err := pool.Exec(ctx, up); err != nil {
		t.Fatal(err)
	}
	if m := compressed(); m != nil {
		t.Errorf("after the migration, still compressed with %s", *m)
	}
	if got, err := st.FileData(ctx, id); err != nil || !bytes.Equal(got, data) {
		t.Errorf("after the migration: %d bytes, %v", len(got), err)
	}
	if meta, err := st.FileMeta(ctx, id); err != nil || meta.Size != int64(len(data)) {
		t.Errorf("after the migration: %+v, %v", meta, err)
	}
}
