// Package media is a STUB of the lead's media core, written to the brief's
// API so the staff media library can be built before it lands. It is
// removed when main's internal/media arrives.
package media

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"image"
	_ "image/gif"
	_ "image/jpeg"
	_ "image/png"

	"github.com/sswalliance/advocacy/internal/logo"
	"github.com/sswalliance/advocacy/internal/store"
)

// Result is a processed upload.
type Result struct {
	ContentType   string
	Width, Height int
	Original      []byte
	Renditions    []store.NewMediaRendition
}

// The errors of Process.
var (
	ErrEmpty         = errors.New("Choose an image file to upload.")
	ErrTooLarge      = fmt.Errorf("The image file is larger than %d MB: export a smaller version and try again.", logo.MaxBytes>>20)
	ErrSVG           = errors.New("SVG files cannot be used: export a PNG or JPEG and upload that.")
	ErrNotImage      = errors.New("The file is not a PNG, JPEG, WebP or GIF image.")
	ErrCorrupt       = errors.New("The image file is damaged or cut short: export it again and upload it.")
	ErrTooManyPixels = errors.New("The image has too many pixels: resize it and try again.")
	ErrTooSmall      = errors.New("The image is too small.")
	ErrTooDeep       = errors.New("The image uses too many bits per pixel.")
	ErrBusy          = errors.New("The site is busy processing other images; try again in a minute.")
)

// Process checks data (stub: only sniffs and reads the header).
func Process(ctx context.Context, data []byte) (Result, error) {
	if len(data) == 0 {
		return Result{}, ErrEmpty
	}
	if len(data) > logo.MaxBytes {
		return Result{}, ErrTooLarge
	}
	if bytes.Contains(data[:min(len(data), 512)], []byte("<svg")) {
		return Result{}, ErrSVG
	}
	cfg, name, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return Result{}, ErrNotImage
	}
	if cfg.Width*cfg.Height > logo.MaxPixels {
		return Result{}, ErrTooManyPixels
	}
	if _, _, err := image.Decode(bytes.NewReader(data)); err != nil {
		return Result{}, ErrCorrupt
	}
	sum := sha256.Sum256(data)
	return Result{ContentType: "image/" + name, Width: cfg.Width, Height: cfg.Height, Original: data,
		Renditions: []store.NewMediaRendition{{Width: cfg.Width, Height: cfg.Height, ContentType: "image/webp", Hash: fmt.Sprintf("%x", sum[:8]), Bytes: len(data)}}}, nil
}
