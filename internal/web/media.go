package web

import (
	"context"
	"errors"

	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/templates"
)

// pictures returns ctx in which pages in l show the library images their
// Markdown names, read as the page renders (a kept page renders once),
// and the first error reading one: the page is then not sent, so a
// database that went away cannot leave a kept page without its images.
func (a *Site) pictures(ctx context.Context, l i18n.Lang) (context.Context, *error) {
	var failed error
	seen := map[int64]*store.MediaImage{}
	p := func(ctx context.Context, id int64) (templates.Picture, bool) {
		m, ok := seen[id]
		if !ok {
			img, err := a.store.MediaImage(ctx, id)
			switch {
			case err == nil:
				m = &img
			case errors.Is(err, store.ErrNotFound): // deleted since: left out
			default:
				if failed == nil {
					failed = err
				}
			}
			seen[id] = m
		}
		if m == nil {
			return templates.Picture{}, false
		}
		return templates.PictureOf(*m, string(l), ""), true
	}
	return templates.WithPictures(ctx, p), &failed
}

// MarkdownHTML renders Markdown in l with its library images, for what is
// not a page: the feed, the editor's previews.
func (a *Site) MarkdownHTML(ctx context.Context, l i18n.Lang, src string) (string, error) {
	ctx, failed := a.pictures(ctx, l)
	html := templates.MarkdownHTML(ctx, src)
	return html, *failed
}

// Lead returns how a page in l shows image id as its lead image (sizes
// says how wide it is shown) and its share crop for link previews; nil
// for none (id 0, or an image deleted since).
func (a *Site) Lead(ctx context.Context, l i18n.Lang, id int64, sizes string) (*templates.Picture, *templates.OGImage, error) {
	if id == 0 {
		return nil, nil, nil
	}
	m, err := a.store.MediaImage(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	p := templates.PictureOf(m, string(l), sizes)
	return &p, templates.ShareOf(m, string(l)), nil
}

// WithLead returns m showing image id as the page's lead image, with its
// share crop as the link preview's image.
func (a *Site) WithLead(ctx context.Context, m templates.Meta, id int64) (templates.Meta, error) {
	lead, og, err := a.Lead(ctx, m.Lang, id, templates.LeadSizes)
	if err != nil {
		return m, err
	}
	if lead != nil {
		lead.Eager = true
		m.Lead, m.Image = lead, og
	}
	return m, nil
}
