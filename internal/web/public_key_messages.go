package web

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/templates/public"
)

func (a *App) keyMessages(w http.ResponseWriter, r *http.Request) error {
	lang := i18n.FromContext(r.Context())
	p, err := a.store.Page(r.Context(), "key-messages", lang)
	if err != nil {
		return err
	}
	audiences, err := a.store.Audiences(r.Context(), lang)
	if err != nil {
		return err
	}
	return a.render(w, r, http.StatusOK, public.KeyMessages(a.meta(r, p.Title, p.Description), p, audiences))
}

func (a *App) audienceMessages(w http.ResponseWriter, r *http.Request) error {
	lang := i18n.FromContext(r.Context())
	audience, msgs, err := a.store.Audience(r.Context(), chi.URLParam(r, "audience"), lang)
	if err != nil {
		return err
	}
	all, err := a.store.Audiences(r.Context(), lang)
	if err != nil {
		return err
	}
	others := all[:0:0]
	for _, o := range all {
		if o.ID != audience.ID {
			others = append(others, o)
		}
	}
	// Say whether all, part or none of the page is shown in English.
	untranslated, parts := 0, len(msgs)+1
	if audience.Lang != string(lang) {
		untranslated++
	}
	for _, m := range msgs {
		if m.Lang != string(lang) {
			untranslated++
		}
	}
	note := ""
	switch {
	case untranslated == parts:
		note = "fallback.note"
	case untranslated > 0:
		note = "fallback.partial"
	}
	m := a.meta(r, audience.Name+" · "+lang.T("nav.key_messages"), audience.Summary)
	return a.render(w, r, http.StatusOK, public.AudienceMessages(m, audience, msgs, others, note))
}
