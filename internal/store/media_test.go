package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"testing"

	"github.com/sswalliance/advocacy/internal/dbtest"
	"github.com/sswalliance/advocacy/internal/store"
)

func rendition(w, h int, ct string, crop bool) store.NewMediaRendition {
	data := []byte(fmt.Sprintf("%s %dx%d %v", ct, w, h, crop))
	return store.NewMediaRendition{Width: w, Height: h, ContentType: ct, Crop: crop, Data: data,
		Hash: fmt.Sprintf("%x", sha256.Sum256(data))}
}

func TestMediaInUseIsNeverDeleted(t *testing.T) {
	ctx := context.Background()
	st := store.New(dbtest.New(t))
	texts := store.MediaTexts{AltEN: "A worker", AltES: "Una trabajadora", CaptionEN: "At work", Credit: "Staff"}
	rs := []store.NewMediaRendition{rendition(320, 240, "image/webp", false), rendition(320, 240, "image/jpeg", false), rendition(1200, 630, "image/jpeg", true)}
	id, err := st.CreateMedia(ctx, []byte("original"), "image/jpeg", 640, 480, texts, rs)
	if err != nil {
		t.Fatal(err)
	}
	// Without alt text an image must be marked decorative.
	if _, err := st.CreateMedia(ctx, []byte("x"), "image/png", 10, 10, store.MediaTexts{AltEN: "only English"}, nil); err == nil {
		t.Error("an image with no Spanish alt text and not decorative was stored")
	}
	m, err := st.MediaImage(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if m.Bytes != 8 || m.Alt("es") != "Una trabajadora" || m.Caption("es") != "At work" || len(m.Renditions) != 3 {
		t.Errorf("image = %+v", m)
	}
	if sh, ok := m.Share(); !ok || sh.Width != 1200 || m.Thumb().ContentType != "image/webp" {
		t.Errorf("share %+v, thumb %+v", sh, m.Thumb())
	}
	data, ct, err := st.MediaRenditionData(ctx, rs[1].Hash)
	if err != nil || ct != "image/jpeg" || !bytes.Equal(data, rs[1].Data) {
		t.Errorf("rendition data %q %s %v", data, ct, err)
	}
	if err := st.SetMediaUses(ctx, "blog", "a-post", []int64{id, 999}); err != nil {
		t.Fatal(err)
	}
	if uses, _ := st.MediaUsesOf(ctx, id); len(uses) != 1 || uses[0] != (store.MediaUse{Kind: "blog", Key: "a-post"}) {
		t.Errorf("uses = %v", uses)
	}
	if err := st.DeleteMedia(ctx, id); !errors.Is(err, store.ErrMediaInUse) {
		t.Fatalf("deleting an image in use: %v", err)
	}
	if err := st.SetMediaUses(ctx, "blog", "a-post", nil); err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteMedia(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.MediaRenditionData(ctx, rs[1].Hash); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a deleted image's rendition: %v", err)
	}
	if err := st.DeleteMedia(ctx, id); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("deleting twice: %v", err)
	}
}
