package app

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/jackc/pgx/v5/pgxpool"
)

// menuEntryID is the id of the entry of menu linking to target.
func menuEntryID(t *testing.T, s staffSite, menu, target string) string {
	t.Helper()
	var id string
	if err := s.pool.QueryRow(context.Background(), `SELECT id::text FROM menu_entries WHERE menu_slug = $1 AND target = $2`,
		menu, target).Scan(&id); err != nil {
		t.Fatalf("entry of %s to %s: %v", menu, target, err)
	}
	return id
}

// menuEntryKey is the key of the main menu's entry linking to target.
func menuEntryKey(t *testing.T, pool *pgxpool.Pool, target string) string {
	t.Helper()
	var key string
	if err := pool.QueryRow(context.Background(), `SELECT id::text FROM menu_entries WHERE menu_slug = 'main' AND target = $1`, target).Scan(&key); err != nil {
		t.Fatalf("main menu entry to %s: %v", target, err)
	}
	return key
}

// menuLinks lists a public page's menu links as "label=href".
func menuLinks(doc *goquery.Document, sel string) []string {
	var out []string
	doc.Find(sel).Find("a").Each(func(_ int, a *goquery.Selection) {
		out = append(out, strings.TrimSpace(a.Text())+"="+a.AttrOr("href", ""))
	})
	return out
}

// TestStaffEditTheMenusAndEveryPublicPageFollows: staff rename an entry
// of the main menu, move it, remove another, add a link to another site
// to the footer and publish; the English and Spanish pages show it all,
// the Spanish falling back to the English label where none was written. A
// draft shows only in the preview, and what cannot be saved is said
// beside its field.
func TestStaffEditTheMenusAndEveryPublicPageFollows(t *testing.T) {
	s := newStaffSite(t)

	list := parse(t, s.get(t, s.admin, "/admin/content/menu"))
	if got := list.Find(`[data-testid=items-menu] tbody tr`).Length(); got != 2 {
		t.Fatalf("menus listed: %d, want main and footer", got)
	}
	if list.Find(`a[data-testid=new]`).Length() != 0 {
		t.Error("menus offer to add a menu")
	}
	main := parse(t, s.get(t, s.admin, "/admin/content/menu/main"))
	if got := main.Find(`[data-testid=children-menu-entry] tbody tr`).Length(); got != 6 {
		t.Errorf("main menu lists %d entries, want 6", got)
	}

	// Rename the toolkit's entry in both languages and publish.
	toolkit := menuEntryID(t, s, "main", "/toolkit")
	path := "/admin/content/menu-entry/" + toolkit
	form := s.editForm(t, s.admin, path)
	form.Set("label.en", "Tools")
	form.Set("label.es", "Caja de herramientas")
	form.Set("action", "publish")
	if flash := s.post(t, s.admin, path, form, path); !strings.Contains(flash, "published") {
		t.Errorf("publish flash %q", flash)
	}
	// Move it up, before the Call to Action.
	res := postForm(t, s.admin, s.srv.URL+path+"/move", url.Values{"delta": {"-1"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/content/menu/main" {
		t.Fatalf("move: %s to %q", res.Status, res.Header.Get("Location"))
	}

	// Remove the SSWWeek entry.
	sswweek := menuEntryID(t, s, "main", "/sswweek")
	if flash := s.post(t, s.admin, "/admin/content/menu-entry/"+sswweek+"/delete", url.Values{"version": {"0"}}, "/admin/content/menu/main"); !strings.Contains(flash, "deleted") {
		t.Errorf("delete flash %q", flash)
	}

	// Add a link to another site at the end of the footer, in English only.
	newPath := "/admin/content/menu-entry/new?parent=footer"
	form = s.editForm(t, s.admin, newPath)
	form.Set("label.en", "Annual report")
	form.Set("target", "https://example.org/annual-report")
	form.Set("action", "publish")
	res = postForm(t, s.admin, s.srv.URL+"/admin/content/menu-entry/new", form)
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/admin/content/menu-entry/") {
		t.Fatalf("add: %s to %q", res.Status, res.Header.Get("Location"))
	}

	// What cannot be saved is said beside its field, the rest kept.
	form.Set("label.en", strings.Repeat("x", 41))
	form.Set("label.es", "Informe")
	form.Set("target", "//example.org/report")
	res = postForm(t, s.admin, s.srv.URL+"/admin/content/menu-entry/new", form)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad entry: %s, want 422", res.Status)
	}
	bad := parse(t, res)
	for name, part := range map[string]string{"label.en": "40 characters or fewer", "target": "single /"} {
		field := bad.Find(`.field-error`).FilterFunction(func(_ int, f *goquery.Selection) bool {
			return f.Find(`[name="`+name+`"]`).Length() == 1
		})
		if !strings.Contains(field.Text(), part) {
			t.Errorf("field %s: %q, want a message saying %q", name, strings.TrimSpace(field.Text()), part)
		}
	}
	if kept := editFormValues(bad); kept.Get("label.es") != "Informe" || kept.Get("target") != "//example.org/report" {
		t.Errorf("form not kept: %v", kept)
	}

	// A draft is in the preview only.
	events := menuEntryID(t, s, "main", "/events")
	form = s.editForm(t, s.admin, "/admin/content/menu-entry/"+events)
	form.Set("label.en", "Dates to plan around")
	form.Set("action", "draft")
	s.post(t, s.admin, "/admin/content/menu-entry/"+events, form, "/admin/content/menu-entry/"+events)
	preview := parse(t, s.get(t, s.admin, "/admin/content/menu-entry/"+events+"/preview"))
	if got := menuLinks(preview, `[data-testid=main-menu]`); len(got) != 5 || got[4] != "Dates to plan around=/events" {
		t.Errorf("preview's main menu %v", got)
	}

	visitor := client(t, s.srv.URL)
	for _, tc := range []struct {
		path, main, footerLast, external string
	}{
		{"/resources", "Key messages=/key-messages Tools=/toolkit Call to Action=/call-to-action Resources=/resources Events=/events",
			"Annual report↗ (on another website)=https://example.org/annual-report", "(on another website)"},
		{"/es/resources", "Mensajes clave=/es/key-messages Caja de herramientas=/es/toolkit Llamado a la acción=/es/call-to-action Recursos=/es/resources Eventos=/es/events",
			"Annual report↗ (en otro sitio web)=https://example.org/annual-report", "(en otro sitio web)"},
	} {
		res, err := visitor.Get(s.srv.URL + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		doc := parse(t, res)
		if got := strings.Join(menuLinks(doc, `[data-testid=main-menu]`), " "); got != tc.main {
			t.Errorf("%s: main menu\n %s\nwant\n %s", tc.path, got, tc.main)
		}
		if got := doc.Find(`[data-testid=main-menu] a[aria-current=page]`).AttrOr("href", ""); !strings.HasSuffix(got, "/resources") {
			t.Errorf("%s: current entry %q", tc.path, got)
		}
		footer := menuLinks(doc, `[data-testid=footer-menu]`)
		// The menu's entries come first; the feeds stay after them.
		if len(footer) != 7 || footer[4] != tc.footerLast {
			t.Errorf("%s: footer %v", tc.path, footer)
		}
		ext := doc.Find(`[data-testid=footer-menu] a[href^="https://"]`)
		if ext.AttrOr("rel", "") != "noopener" || strings.TrimSpace(ext.Find(`.visually-hidden`).Text()) != tc.external ||
			ext.Find(`.external-mark[aria-hidden=true]`).Length() != 1 {
			html, _ := goquery.OuterHtml(ext)
			t.Errorf("%s: external link not marked: %s", tc.path, html)
		}
		if doc.Find(`[data-testid=footer-menu] a[href$="/privacy"]`).Length() != 1 {
			t.Errorf("%s: footer lacks the privacy notice", tc.path)
		}
	}
}

// TestPublicPagesShowTheBuiltInMenusWhenTheStoredOnesCannotBeRead: a page
// must render even when the menus' tables cannot be read.
func TestPublicPagesShowTheBuiltInMenusWhenTheStoredOnesCannotBeRead(t *testing.T) {
	app, pool := seededApp(t)
	ctx := context.Background()
	h := app.Handler()
	if _, err := pool.Exec(ctx, `UPDATE menu_entry_texts SET label = 'Stored label' WHERE lang = 'en'`); err != nil {
		t.Fatal(err)
	}
	if links := menuLinks(parse(t, get(t, h, http.MethodGet, "/toolkit", nil)), `[data-testid=main-menu]`); links[0] != "Stored label=/key-messages" {
		t.Fatalf("stored menu not shown: %v", links)
	}
	if _, err := pool.Exec(ctx, `ALTER TABLE menu_entries RENAME TO menu_entries_away`); err != nil {
		t.Fatal(err)
	}
	for path, first := range map[string]string{"/toolkit": "Key messages=/key-messages", "/es/toolkit": "Mensajes clave=/es/key-messages"} {
		res := get(t, h, http.MethodGet, path, nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %s", path, res.Status)
		}
		doc := parse(t, res)
		links := menuLinks(doc, `[data-testid=main-menu]`)
		if len(links) != 6 || links[0] != first {
			t.Errorf("%s: main menu %v", path, links)
		}
		if doc.Find(`[data-testid=footer-menu] a[href$="/accessibility"]`).Length() != 1 {
			t.Errorf("%s: built-in footer lacks the accessibility page", path)
		}
	}
}

// TestMenusAreFixedAndEntriesBelongToOne: staff can neither add nor
// delete a menu, and an entry posted for a menu that does not exist is
// refused with a message, never a server error.
func TestMenusAreFixedAndEntriesBelongToOne(t *testing.T) {
	s := newStaffSite(t)
	for _, path := range []string{"/admin/content/menu/new", "/admin/content/menu/main/delete", "/admin/content/menu/sidebar"} {
		if res := s.get(t, s.admin, path); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %s, want 404", path, res.Status)
		}
	}
	res := postForm(t, s.admin, s.srv.URL+"/admin/content/menu-entry/new", url.Values{"menu": {"sidebar"},
		"label.en": {"Somewhere"}, "label.es": {""}, "target": {"javascript:alert(1)"}, "version": {"0"}, "action": {"publish"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("entry of no menu: %s, want 422", res.Status)
	}
	text := parse(t, res).Find("main").Text()
	for _, want := range []string{"belongs to no menu", "starting with /"} {
		if !strings.Contains(text, want) {
			t.Errorf("the refused entry's page does not say %q", want)
		}
	}
	var n int
	if err := s.pool.QueryRow(context.Background(), `SELECT count(*) FROM menu_entries`).Scan(&n); err != nil || n != 10 {
		t.Errorf("%d menu entries (%v), want the 10 seeded", n, err)
	}
}
