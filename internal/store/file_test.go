package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"testing"

	"github.com/sswalliance/advocacy/internal/dbtest"
	"github.com/sswalliance/advocacy/internal/store"
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
