package public

import (
	"fmt"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/public"
)

func (a *Handlers) KeyMessages(w http.ResponseWriter, r *http.Request) error {
	l := web.Lang(r)
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
	m, err := a.WithLead(r.Context(), a.Meta(r, p.Title, p.Description), p.LeadImage)
	if err != nil {
		return err
	}
	return a.Render(w, r, http.StatusOK, public.KeyMessages(m, p, audiences, doc))
}

func (a *Handlers) AudienceMessages(w http.ResponseWriter, r *http.Request) error {
	l := web.Lang(r)
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
	note := web.FallbackNote(l, langs...)
	m := a.Meta(r, audience.Name+" · "+l.T("nav.key_messages"), audience.Summary)
	return a.Render(w, r, http.StatusOK, public.AudienceMessages(m, audience, msgs, others, note))
}
