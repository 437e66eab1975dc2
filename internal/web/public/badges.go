package public

import (
	"net/http"

	"github.com/sswalliance/advocacy/internal/sharecard"
	"github.com/sswalliance/advocacy/internal/store"
	"github.com/sswalliance/advocacy/internal/web"
)

// supporterCacheControl is the supporter badges': the same for everyone
// in a language and changed only with the site's own release, so partner
// sites' visitors keep it for a day, and may use it for a week while the
// site is down.
const supporterCacheControl = "public, max-age=86400, stale-while-revalidate=86400, stale-if-error=604800"

// countCacheControl is the live count badge's: shown on partner sites'
// pages, so browsers and caches keep it five minutes rather than ask at
// every view; a count five minutes old is still the count.
const countCacheControl = "public, max-age=300, stale-while-revalidate=60, stale-if-error=86400"

// SupporterBadgeSVG serves /call-to-action/supporter-badge.svg: "We
// support the Call to Action" in the path's language, for the sites of
// the organisations that signed (the snippet they paste links it back).
func (a *Handlers) SupporterBadgeSVG(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Cache-Control", supporterCacheControl)
	writeImage(w, r, "image/svg+xml", sharecard.SupporterSVG(web.Lang(r)))
	return nil
}

// SupporterBadgePNG serves /call-to-action/supporter-badge.png, the same
// badge at twice its size, for where SVG is not taken.
func (a *Handlers) SupporterBadgePNG(w http.ResponseWriter, r *http.Request) error {
	b, err := sharecard.SupporterPNG(web.Lang(r))
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", supporterCacheControl)
	writeImage(w, r, "image/png", b)
	return nil
}

// CountBadge serves /call-to-action/badge.svg: how many organisations
// have signed, the count the Call to Action page shows (every approved
// signatory), for partner sites.
func (a *Handlers) CountBadge(w http.ResponseWriter, r *http.Request) error {
	n, err := a.store.PublicSignatoryCount(r.Context(), store.PublicFilter{})
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", countCacheControl)
	writeImage(w, r, "image/svg+xml", sharecard.Count(web.Lang(r), n))
	return nil
}
