package public

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/share"
	"github.com/sswalliance/advocacy/internal/sharecard"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
	"github.com/sswalliance/advocacy/templates/public"
)

// signedPost is the post that tells others name signed (an organisation;
// "" for one the page cannot name), shared with the Call to Action's
// address in l.
func (a *Handlers) signedPost(l i18n.Lang, name string) public.SharePost {
	cta := a.absolute(l, "/call-to-action")
	msg := l.T("share.signed.post.anon")
	// A name long enough to take the post over X's limit leaves it out:
	// a post that cannot be sent is no help.
	if named := l.F("share.signed.post", "{org}", name); name != "" && share.XLength(named) <= share.XLimit {
		msg = named
	}
	return sharePost(msg, string(l), cta, l.T("share.signed.subject"))
}

// sentURL is the page after the sign form, naming the organisation that
// signed: its name travels in the address with the site's signature, so
// the page cannot be made to name another. Without the signature (the
// key could not be read) the page speaks for "we".
func (a *Handlers) sentURL(ctx context.Context, l i18n.Lang, name string) string {
	sent := l.Path("/call-to-action/sign/check-email")
	if name == "" {
		return sent
	}
	mac, err := a.signing.SealName(ctx, name)
	if err != nil {
		return sent
	}
	return sent + "?" + url.Values{"org": {name}, "sig": {mac}}.Encode()
}

// sentName is the organisation the page after the sign form names: the
// one in its address, if the site signed it; "" otherwise.
func (a *Handlers) sentName(r *http.Request) string {
	q := r.URL.Query()
	name, mac := q.Get("org"), q.Get("sig")
	if name == "" || mac == "" || len(name) > 400 {
		return ""
	}
	ok, err := a.signing.VerifyName(r.Context(), name, mac)
	if err != nil || !ok {
		return ""
	}
	return name
}

// supporter returns the approved signatory a supporter link names, or
// store.ErrNotFound when the link's signature is not ours.
func (a *Handlers) supporter(r *http.Request) (store.Signatory, error) {
	id, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	if err != nil {
		return store.Signatory{}, store.ErrNotFound
	}
	ok, err := a.signing.VerifySupporter(r.Context(), id, chi.URLParam(r, "sig"))
	if err != nil {
		return store.Signatory{}, err
	}
	if !ok {
		return store.Signatory{}, store.ErrNotFound
	}
	return a.store.Signatory(r.Context(), id)
}

// SupporterPage is an approved organisation's own page, reached from its
// approval email: a post to tell others it signed, and the "We support the
// Call to Action" badge with the HTML to show it on its website, while
// it is on the wall: one that withdrew or was never approved, and one
// staff took off (hidden: it may come back, and its link works again
// then), gets the expired link's page, not a badge and a post claiming a
// support the site itself no longer shows.
func (a *Handlers) SupporterPage(w http.ResponseWriter, r *http.Request) error {
	sig, err := a.supporter(r)
	if err != nil {
		return err
	}
	if sig.Status != store.StatusApproved {
		return a.signLinkExpired(w, r)
	}
	l := web.Lang(r)
	v := public.SupporterView{Name: sig.Name, Share: a.signedPost(l, sig.Name),
		Cards: public.ShareCards{Wide: "/call-to-action/card.png", Square: "/call-to-action/card-square.png",
			File: "call-to-action" + map[i18n.Lang]string{i18n.ES: "-es"}[l], Alt: l.F("share.card.alt", "{title}", l.T("supporter.badge.title"))}}
	for _, bl := range i18n.Langs {
		b := public.SupporterBadge{Lang: string(bl), Language: bl.Name(),
			SVG: a.absolute(bl, "/call-to-action/supporter-badge.svg"), PNG: a.absolute(bl, "/call-to-action/supporter-badge.png"),
			Width: sharecard.SupporterWidth, Height: sharecard.SupporterHeight, Alt: bl.T("supporter.badge.alt")}
		b.Snippet = `<a href="` + html.EscapeString(a.absolute(bl, "/call-to-action")) + `" title="` + html.EscapeString(bl.T("supporter.badge.title")) + `">` +
			`<img src="` + html.EscapeString(b.SVG) + `" width="` + strconv.Itoa(b.Width) + `" height="` + strconv.Itoa(b.Height) + `" alt="` + html.EscapeString(b.Alt) + `"></a>`
		v.Badges = append(v.Badges, b)
	}
	m := a.signMeta(r, "supporter.title", "supporter.description", true)
	m.Copy = true
	return a.renderLinkPage(w, r, public.Supporter(m, v))
}
