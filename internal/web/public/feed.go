package public

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"regexp"
	"time"

	"github.com/sswalliance/advocacy/internal/web"
)

// absoluteMedia finds the addresses of library images in src and srcset,
// which a feed reader must be given whole.
var absoluteMedia = regexp.MustCompile(`(["\s,])/media/`)

// feedSize is how many of the latest posts the feed carries.
const feedSize = 20

// The Atom 1.0 document (RFC 4287), as much of it as the blog needs.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel      string `xml:"rel,attr"`
	Type     string `xml:"type,attr,omitempty"`
	HrefLang string `xml:"hreflang,attr,omitempty"`
	Href     string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomEntry struct {
	Lang      string     `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	ID        string     `xml:"id"`
	Title     string     `xml:"title"`
	Updated   string     `xml:"updated"`
	Published string     `xml:"published"`
	Links     []atomLink `xml:"link"`
	Author    atomPerson `xml:"author"`
	Summary   *atomText  `xml:"summary,omitempty"`
	Content   atomText   `xml:"content"`
}

func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// BlogFeed serves the latest posts as an Atom feed in the language of the
// path; untranslated posts are in English, marked with xml:lang.
func (a *Handlers) BlogFeed(w http.ResponseWriter, r *http.Request) error {
	l := web.Lang(r)
	posts, err := a.store.BlogPosts(r.Context(), l, feedSize, 0)
	if err != nil {
		return err
	}
	base := a.cfg.BaseURL.String()
	self := base + l.Path("/feed.xml")
	feed := atomFeed{
		Lang:  string(l),
		ID:    self,
		Title: l.T("sswweek.blog.feed.title"),
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: self},
			{Rel: "alternate", Type: "text/html", HrefLang: string(l), Href: base + l.Path("/blog")},
		},
		Author: atomPerson{Name: l.T("sswweek.blog.feed.author")},
	}
	var updated time.Time
	for _, p := range posts {
		if p.UpdatedAt.After(updated) {
			updated = p.UpdatedAt
		}
		url := base + l.Path("/blog/"+p.Slug)
		body, err := a.MarkdownHTML(r.Context(), l, p.Body)
		if err != nil {
			return err
		}
		e := atomEntry{
			ID:        url,
			Title:     p.Title,
			Updated:   atomTime(p.UpdatedAt),
			Published: atomTime(p.PublishedAt),
			Links:     []atomLink{{Rel: "alternate", Type: "text/html", HrefLang: string(l), Href: url}},
			Author:    atomPerson{Name: p.Author},
			Content:   atomText{Type: "html", Body: absoluteMedia.ReplaceAllString(body, "${1}"+base+"/media/")},
		}
		if p.Lang != string(l) {
			e.Lang = p.Lang
		}
		if p.Summary != "" {
			e.Summary = &atomText{Type: "text", Body: p.Summary}
		}
		feed.Entries = append(feed.Entries, e)
	}
	if updated.IsZero() {
		// No posts yet: the feed is as new as the request.
		updated = a.now()
	}
	feed.Updated = atomTime(updated)

	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(feed); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	_, err = w.Write(buf.Bytes())
	return err
}
