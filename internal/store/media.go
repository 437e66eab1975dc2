package store

// STUB of the lead's media store, in memory, written to the brief's API
// so the staff media library can be built before it lands. Removed when
// main's internal/store/media.go arrives.

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"
)

const (
	ActionMediaAdd    = "media-add"
	ActionMediaUpdate = "media-update"
	ActionMediaDelete = "media-delete"
)

// MediaPerPage is how many images a page of the library lists.
const MediaPerPage = 24

// ErrMediaInUse is an image some content uses.
var ErrMediaInUse = errors.New("store: media in use")

type MediaTexts struct {
	AltEN, AltES         string
	Decorative           bool
	CaptionEN, CaptionES string
	Credit               string
}

type MediaImage struct {
	ID            int64
	ContentType   string
	Width, Height int
	Bytes         int64
	MediaTexts
	CreatedAt  time.Time
	Renditions []MediaRendition
}

func (m MediaImage) Thumb() MediaRendition {
	if len(m.Renditions) == 0 {
		return MediaRendition{}
	}
	return m.Renditions[0]
}

type MediaRendition struct {
	Width, Height int
	ContentType   string
	Hash          string
	Bytes         int
	Crop          bool
}

func (r MediaRendition) URL() string { return "/media/" + r.Hash + ".webp" }

type NewMediaRendition struct {
	Width, Height int
	ContentType   string
	Hash          string
	Bytes         int
	Crop          bool
	Data          []byte
}

type MediaUse struct{ Kind, Key, Label string }

var stubMedia = struct {
	sync.Mutex
	next int64
	imgs map[any]map[int64]MediaImage
	uses map[any]map[string][]int64
}{imgs: map[any]map[int64]MediaImage{}, uses: map[any]map[string][]int64{}}

func (s *Store) CreateMedia(ctx context.Context, original []byte, contentType string, width, height int, t MediaTexts, renditions []NewMediaRendition) (int64, error) {
	stubMedia.Lock()
	defer stubMedia.Unlock()
	stubMedia.next++
	if stubMedia.imgs[s.db] == nil {
		stubMedia.imgs[s.db] = map[int64]MediaImage{}
	}
	m := MediaImage{ID: stubMedia.next, ContentType: contentType, Width: width, Height: height, Bytes: int64(len(original)), MediaTexts: t, CreatedAt: time.Now()}
	for _, r := range renditions {
		m.Renditions = append(m.Renditions, MediaRendition{Width: r.Width, Height: r.Height, ContentType: r.ContentType, Hash: r.Hash, Bytes: r.Bytes, Crop: r.Crop})
	}
	stubMedia.imgs[s.db][m.ID] = m
	return m.ID, nil
}

func (s *Store) UpdateMediaTexts(ctx context.Context, id int64, t MediaTexts) error {
	stubMedia.Lock()
	defer stubMedia.Unlock()
	m, ok := stubMedia.imgs[s.db][id]
	if !ok {
		return fmt.Errorf("store: media %d: %w", id, ErrNotFound)
	}
	m.MediaTexts = t
	stubMedia.imgs[s.db][id] = m
	return nil
}

func (s *Store) DeleteMedia(ctx context.Context, id int64) error {
	stubMedia.Lock()
	defer stubMedia.Unlock()
	if _, ok := stubMedia.imgs[s.db][id]; !ok {
		return fmt.Errorf("store: media %d: %w", id, ErrNotFound)
	}
	for _, ids := range stubMedia.uses[s.db] {
		if slices.Contains(ids, id) {
			return ErrMediaInUse
		}
	}
	delete(stubMedia.imgs[s.db], id)
	return nil
}

func (s *Store) MediaImage(ctx context.Context, id int64) (MediaImage, error) {
	stubMedia.Lock()
	defer stubMedia.Unlock()
	m, ok := stubMedia.imgs[s.db][id]
	if !ok {
		return MediaImage{}, fmt.Errorf("store: media %d: %w", id, ErrNotFound)
	}
	return m, nil
}

func (s *Store) ListMedia(ctx context.Context, page int) ([]MediaImage, int, error) {
	stubMedia.Lock()
	defer stubMedia.Unlock()
	var all []MediaImage
	for _, m := range stubMedia.imgs[s.db] {
		all = append(all, m)
	}
	slices.SortFunc(all, func(a, b MediaImage) int { return int(b.ID - a.ID) })
	from := (page - 1) * MediaPerPage
	if from >= len(all) {
		return nil, len(all), nil
	}
	return all[from:min(len(all), from+MediaPerPage)], len(all), nil
}

func (s *Store) MediaUsesOf(ctx context.Context, id int64) ([]MediaUse, error) {
	stubMedia.Lock()
	defer stubMedia.Unlock()
	var out []MediaUse
	for k, ids := range stubMedia.uses[s.db] {
		if slices.Contains(ids, id) {
			var kind, key string
			fmt.Sscanf(k, "%s %s", &kind, &key)
			out = append(out, MediaUse{Kind: kind, Key: key, Label: key})
		}
	}
	return out, nil
}

func (s *Store) SetMediaUses(ctx context.Context, kind, key string, ids []int64) error {
	stubMedia.Lock()
	defer stubMedia.Unlock()
	if stubMedia.uses[s.db] == nil {
		stubMedia.uses[s.db] = map[string][]int64{}
	}
	stubMedia.uses[s.db][kind+" "+key] = ids
	return nil
}
