package public

import (
	"context"
	"encoding/xml"
	"net/http"

	"github.com/sswalliance/advocacy/internal/i18n"
)

// PublicURLs lists the English path of every public HTML page; each also
// exists under every other language's prefix. The sitemap and the tests
// that validate every page both use it, so a page missing here is caught.
func (a *Handlers) PublicURLs(ctx context.Context) ([]string, error) {
	urls := []string{"/", "/key-messages"}
	audiences, err := a.store.Audiences(ctx, i18n.EN)
	if err != nil {
		return nil, err
	}
	for _, au := range audiences {
		urls = append(urls, "/key-messages/"+au.Slug)
	}
	urls = append(urls, "/call-to-action", "/call-to-action/sign", "/call-to-action/signatories", "/toolkit", "/sswweek/subscribe")
	for _, part := range []func(context.Context) ([]string, error){a.ResourceURLs, a.SSWWeekURLs, a.CalendarURLs, a.store.CustomPagePaths} {
		more, err := part(ctx)
		if err != nil {
			return nil, err
		}
		urls = append(urls, more...)
	}
	return urls, nil
}

// The sitemap protocol (sitemaps.org) with hreflang alternates per URL.
type sitemapURLSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	XHTML   string       `xml:"xmlns:xhtml,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc        string        `xml:"loc"`
	Alternates []sitemapLink `xml:"xhtml:link"`
}

type sitemapLink struct {
	Rel      string `xml:"rel,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// Sitemap serves /sitemap.xml: every public page in every language, each
// naming its translations.
func (a *Handlers) Sitemap(w http.ResponseWriter, r *http.Request) error {
	paths, err := a.PublicURLs(r.Context())
	if err != nil {
		return err
	}
	base := a.cfg.BaseURL.String()
	set := sitemapURLSet{XHTML: "http://www.w3.org/1999/xhtml"}
	for _, p := range paths {
		alts := make([]sitemapLink, 0, len(i18n.Langs)+1)
		for _, l := range i18n.Langs {
			alts = append(alts, sitemapLink{Rel: "alternate", Hreflang: string(l), Href: base + l.Path(p)})
		}
		alts = append(alts, sitemapLink{Rel: "alternate", Hreflang: "x-default", Href: base + p})
		for _, l := range i18n.Langs {
			set.URLs = append(set.URLs, sitemapURL{Loc: base + l.Path(p), Alternates: alts})
		}
	}
	out, err := xml.MarshalIndent(set, "", " ")
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Write([]byte(xml.Header))
	_, err = w.Write(out)
	return err
}
