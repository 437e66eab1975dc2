package web

import (
	"fmt"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/templates/public"
)

func (a *App) keyMessages(w http.ResponseWriter, r *http.Request) error {
	l := lang(r)
	p, err := a.store.Page(r.Context(), "key-messages", l)
	if err != nil {
		return err
	}
	audiences, err := a.store.Audiences(r.Context(), l)
	if err != nil {
		return err
	}
	doc, err := a.document(r, "key-messages")
	if err != nil {
		return err
	}
	return a.render(w, r, http.StatusOK, public.KeyMessages(a.meta(r, p.Title, p.Description), p, audiences, doc))
}

func (a *App) audienceMessages(w http.ResponseWriter, r *http.Request) error {
	l := lang(r)
	all, err := a.store.Audiences(r.Context(), l)
	if err != nil {
		return err
	}
	// The list gives both the audience asked for and the links to the others.
	slug := chi.URLParam(r, "audience")
	var audience store.Audience
	others := make([]store.Audience, 0, len(all))
	for _, o := range all {
		if o.Slug == slug {
			audience = o
		} else {
			others = append(others, o)
		}
	}
	if audience.ID == 0 {
		return fmt.Errorf("audience %q: %w", slug, store.ErrNotFound)
	}
	msgs, err := a.store.KeyMessages(r.Context(), audience.ID, l)
	if err != nil {
		return err
	}

	// Say whether all, part or none of the page is shown in English.
	langs := []string{audience.Lang}
	for _, msg := range msgs {
		langs = append(langs, msg.Lang)
	}
	note := fallbackNote(l, langs...)
	m := a.meta(r, audience.Name+" · "+l.T("nav.key_messages"), audience.Summary)
	return a.render(w, r, http.StatusOK, public.AudienceMessages(m, audience, msgs, others, note))
}
