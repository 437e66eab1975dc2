package seed

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"image"
	"image/color"
	"image/png"

	"golang.org/x/image/draw"
	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"

	"github.com/sswalliance/advocacy/internal/logo"
	"github.com/sswalliance/advocacy/internal/signing"
	"github.com/sswalliance/advocacy/internal/store"
)

// loadSignatories puts the two organisations known to have signed on the
// wall, with stand-in logos (their names drawn, as their real logos are not
// ours to copy), and one submission waiting for review so the moderation
// queue has something to try under `make run`.
func loadSignatories(w *writer) error {
	ctx, tx := w.ctx, w.tx
	for _, s := range []struct {
		in     store.SignatoryInput
		status string
		colour color.RGBA
	}{
		{store.SignatoryInput{Name: "FICE International", Website: "https://www.fice-inter.net", OrgType: "network"},
			store.StatusApproved, color.RGBA{0x1b, 0x4f, 0x72, 0xff}},
		{store.SignatoryInput{Name: "IntraHealth International", Website: "https://www.intrahealth.org", Country: "US", OrgType: "ngo"},
			store.StatusApproved, color.RGBA{0x0e, 0x6e, 0x5c, 0xff}},
		{store.SignatoryInput{Name: "Example Family Support Network", Website: "https://family-support.example.org", Country: "KE",
			OrgType: "network", ContactName: "Demo Contact", ContactEmail: "contact@family-support.example.org", ContactRole: "Coordinator",
			Statement: "A demonstration submission: approve, reject or ask for changes to try the review queue.", Consent: true},
			store.StatusAwaitingReview, color.RGBA{0x8a, 0x3b, 0x12, 0xff}},
	} {
		// Signatories are not content: seeding again (--force) keeps them
		// and adds only the ones missing.
		if n, err := tx.SignatoriesNamed(ctx, signing.NameKey(s.in.Name)); err != nil || n > 0 {
			if err != nil {
				return fmt.Errorf("seed: %w", err)
			}
			continue
		}
		l, err := logo.Process(ctx, standInLogo(s.in.Name, s.colour))
		if err != nil {
			return fmt.Errorf("seed: logo of %s: %w", s.in.Name, err)
		}
		orig := sha256.Sum256(l.Original)
		origSHA := fmt.Sprintf("%x", orig)
		if err := tx.SaveLogo(ctx, store.Logo{SHA256: l.SHA256, PNG: l.PNG, Width: l.Width, Height: l.Height}, l.Original, origSHA, l.OriginalType, l.OriginalExt); err != nil {
			return fmt.Errorf("seed: %w", err)
		}
		in := s.in
		signing.Check(&in, false)
		in.LogoSHA, in.OriginalSHA = l.SHA256, origSHA
		source := "staff"
		if s.status != store.StatusApproved {
			source = "form"
		}
		if _, err := tx.CreateSignatory(ctx, in, s.status, source); err != nil {
			return fmt.Errorf("seed: %w", err)
		}
	}
	return nil
}

// standInLogo draws name in white on colour, as a PNG.
func standInLogo(name string, colour color.RGBA) []byte {
	face := basicfont.Face7x13
	w := font.MeasureString(face, name).Ceil() + 16
	small := image.NewRGBA(image.Rect(0, 0, w, 24))
	draw.Draw(small, small.Bounds(), &image.Uniform{colour}, image.Point{}, draw.Src)
	d := font.Drawer{Dst: small, Src: image.White, Face: face, Dot: fixed.P(8, 16)}
	d.DrawString(name)
	big := image.NewRGBA(image.Rect(0, 0, w*3, 24*3))
	draw.NearestNeighbor.Scale(big, big.Bounds(), small, small.Bounds(), draw.Src, nil)
	var buf bytes.Buffer
	if err := png.Encode(&buf, big); err != nil {
		panic(err) // encoding an in-memory RGBA image cannot fail
	}
	return buf.Bytes()
}
