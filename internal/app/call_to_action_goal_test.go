package app

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/chromedp"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sswalliance/advocacy/internal/store"
)

// goalEditPath is the editor of the Call to Action's settings.
const goalEditPath = "/admin/content/call-to-action/call-to-action"

// setGoal sets the Call to Action's goal directly (0 for none).
func setGoal(t *testing.T, pool *pgxpool.Pool, goal int) {
	t.Helper()
	var v *int
	if goal > 0 {
		v = &goal
	}
	if _, err := pool.Exec(context.Background(), `UPDATE call_to_action SET goal = $1`, v); err != nil {
		t.Fatal(err)
	}
}

func goalInDB(t *testing.T, pool *pgxpool.Pool) string {
	t.Helper()
	var goal *int
	if err := pool.QueryRow(context.Background(), `SELECT goal FROM call_to_action`).Scan(&goal); err != nil {
		t.Fatal(err)
	}
	if goal == nil {
		return ""
	}
	return fmt.Sprint(*goal)
}

// squash is s's text with its runs of spaces made one.
func squash(s *goquery.Selection) string { return strings.Join(strings.Fields(s.Text()), " ") }

// TestGoalThatIsNotAWholeNumberAboveZeroIsRefusedBesideItsField: each
// kind of bad goal gets its own message beside the field, the value typed
// kept in it, and nothing saved (neither the goal nor a draft); 50 is
// published, and an empty goal removes it.
func TestGoalThatIsNotAWholeNumberAboveZeroIsRefusedBesideItsField(t *testing.T) {
	s := newStaffSite(t)
	drafts := func() int {
		var n int
		if err := s.pool.QueryRow(context.Background(), `SELECT count(*) FROM content_items WHERE kind = 'call-to-action'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := goalInDB(t, s.pool)
	for _, tt := range []struct{ goal, says string }{
		{"fifty", "whole number"},
		{"0", "1 or more"},
		{"-3", "1 or more"},
		{"1.5", "whole number"},
		{"1,000", "whole number"},
		{"5 0", "whole number"},
		{"1e3", "whole number"},
		{"1000001", "1000000 or less"},
		{"99999999999999999999999", "1000000 or less"},
		{"-99999999999999999999999", "1 or more"},
	} {
		for _, action := range []string{"publish", "draft"} {
			form := s.editForm(t, s.admin, goalEditPath)
			form.Set("goal", tt.goal)
			form.Set("action", action)
			res := postForm(t, s.admin, s.srv.URL+goalEditPath, form)
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("%s goal %q: %s, want 422", action, tt.goal, res.Status)
				continue
			}
			doc := parse(t, res)
			msg := squash(doc.Find("#f-goal-error"))
			if !strings.Contains(msg, tt.says) {
				t.Errorf("%s goal %q: the message beside the field is %q, want it to say %q", action, tt.goal, msg, tt.says)
			}
			if got := doc.Find("#f-goal").AttrOr("value", ""); got != tt.goal {
				t.Errorf("%s goal %q: the field holds %q afterwards", action, tt.goal, got)
			}
			if described := doc.Find("#f-goal").AttrOr("aria-describedby", ""); !strings.Contains(described, "f-goal-error") {
				t.Errorf("%s goal %q: the field is not described by its error (%q)", action, tt.goal, described)
			}
			if got := goalInDB(t, s.pool); got != before {
				t.Errorf("%s goal %q: the goal became %q", action, tt.goal, got)
			}
		}
	}
	if n := drafts(); n != 0 {
		t.Errorf("refused goals left %d drafts", n)
	}

	// The bounds are on the field, for the browser's own check too.
	input := parse(t, s.get(t, s.admin, goalEditPath)).Find("#f-goal")
	if input.AttrOr("type", "") != "number" || input.AttrOr("min", "") != "1" || input.AttrOr("max", "") != "1000000" {
		t.Errorf("goal input type %q min %q max %q", input.AttrOr("type", ""), input.AttrOr("min", ""), input.AttrOr("max", ""))
	}

	for _, goal := range []string{"12", "1", "1000000", ""} {
		res := s.publishEdit(t, goalEditPath, map[string]string{"goal": goal})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("publish goal %q: %s", goal, res.Status)
		}
		if got := goalInDB(t, s.pool); got != goal {
			t.Errorf("published goal %q, stored %q", goal, got)
		}
	}
	if res := s.publishEdit(t, goalEditPath, map[string]string{"goal": "50"}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish goal 50: %s", res.Status)
	}
	doc := parse(t, s.get(t, client(t, s.srv.URL), "/call-to-action"))
	if got := squash(doc.Find("[data-testid=signatory-count]")); got != "2 of 50 organisations have signed." {
		t.Errorf("after publishing 50, the page reads %q", got)
	}
	if list := s.get(t, s.admin, "/admin/content/call-to-action"); list.StatusCode != http.StatusOK || !strings.Contains(squash(parse(t, list).Find("main")), "Goal: 50 organisations") {
		t.Errorf("the content list does not show the goal (%s)", list.Status)
	}

	// A draft goal is previewed in both languages, not published.
	form := s.editForm(t, s.admin, goalEditPath)
	form.Set("goal", "7")
	form.Set("action", "draft")
	if res := postForm(t, s.admin, s.srv.URL+goalEditPath, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("draft goal 7: %s", res.Status)
	}
	for q, want := range map[string]string{"": "2 of 7 organisations have signed.", "?lang=es": "2 de 7 organizaciones lo han firmado."} {
		res := s.get(t, s.admin, goalEditPath+"/preview"+q)
		if got := squash(parse(t, res).Find("[data-testid=signatory-count]")); res.StatusCode != http.StatusOK || got != want {
			t.Errorf("preview%s: %s %q, want %q", q, res.Status, got, want)
		}
	}
	if got := goalInDB(t, s.pool); got != "50" {
		t.Errorf("a draft changed the published goal to %q", got)
	}
}

// goalSite is the site with only the signatories a test adds.
func goalSite(t *testing.T, goal int) signSite {
	t.Helper()
	s := newSignSite(t)
	setGoal(t, s.pool, goal)
	return s
}

// approveOn adds an approved signatory decided at the time given.
func (s signSite) approveOn(t *testing.T, name, country, orgType string, at time.Time) int64 {
	t.Helper()
	id := s.addSignatory(t, name, "", country, orgType, false, store.StatusApproved)
	if _, err := s.pool.Exec(context.Background(), `UPDATE signatories SET decided_at = $2 WHERE id = $1`, id, at); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestCallToActionReadsTheCountAgainstTheGoal: with a goal ahead, the
// page says "3 of 50" in words first, then a bar named by those words;
// in Spanish too, and one signatory agrees with its verb.
func TestCallToActionReadsTheCountAgainstTheGoal(t *testing.T) {
	s := goalSite(t, 50)
	day := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	s.approveOn(t, "Kenya One", "KE", "ngo", day)
	check := func(n int) {
		t.Helper()
		for path, want := range map[string]string{
			"/call-to-action":    map[int]string{1: "1 of 50 organisations has signed.", 3: "3 of 50 organisations have signed."}[n],
			"/es/call-to-action": map[int]string{1: "1 de 50 organizaciones lo ha firmado.", 3: "3 de 50 organizaciones lo han firmado."}[n],
		} {
			doc := parse(t, s.get(t, path))
			count := doc.Find("[data-testid=signatory-count]")
			if got := squash(count); got != want {
				t.Errorf("%s: count reads %q, want %q", path, got, want)
			}
			bar := doc.Find("progress[data-testid=goal-bar]")
			if bar.Length() != 1 || bar.AttrOr("max", "") != "50" || bar.AttrOr("value", "") != fmt.Sprint(n) {
				t.Errorf("%s: bar %d, max %q value %q", path, bar.Length(), bar.AttrOr("max", ""), bar.AttrOr("value", ""))
			}
			if label := bar.AttrOr("aria-labelledby", ""); label != count.AttrOr("id", "-") {
				t.Errorf("%s: the bar is labelled by %q, not by the count (%q)", path, label, count.AttrOr("id", ""))
			}
			// Text first: the words, then the bar.
			if parts := doc.Find("[data-testid=goal]").Children(); !parts.First().Is("[data-testid=signatory-count]") || !parts.Last().Is("progress") {
				t.Errorf("%s: the goal is not its words followed by the bar", path)
			}
			if doc.Find("[data-testid=goal-reached]").Length() != 0 {
				t.Errorf("%s: says the goal was reached at %d of 50", path, n)
			}
		}
	}
	check(1)
	s.approveOn(t, "Kenya Two", "KE", "government", day.Add(time.Hour))
	s.approveOn(t, "Peru One", "PE", "academic", day.Add(2*time.Hour))
	s.addSignatory(t, "Waiting", "", "ZM", "ngo", false, store.StatusAwaitingReview)
	check(3)
}

// TestCallToActionSaysWhenTheGoalWasReached: at or past the goal, the page
// says it was reached and on which day: the day the goal-th signatory
// still shown was approved; the bar is full. Without a goal there is no
// bar and the count reads as it always did.
func TestCallToActionSaysWhenTheGoalWasReached(t *testing.T) {
	s := goalSite(t, 2)
	day := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	s.approveOn(t, "First", "KE", "ngo", day)
	second := s.approveOn(t, "Second", "KE", "ngo", day.AddDate(0, 0, 2))
	s.approveOn(t, "Third", "PE", "ngo", day.AddDate(0, 0, 9))
	cases := map[string]struct{ count, reached, datetime string }{
		"/call-to-action":    {"3 organisations have signed.", "The goal of 2 organisations was reached on 3 May 2024.", "2024-05-03"},
		"/es/call-to-action": {"3 organizaciones lo han firmado.", "La meta de 2 organizaciones se alcanzó el 3 de mayo de 2024.", "2024-05-03"},
	}
	for path, want := range cases {
		doc := parse(t, s.get(t, path))
		if got := squash(doc.Find("[data-testid=signatory-count]")); got != want.count {
			t.Errorf("%s: count %q, want %q", path, got, want.count)
		}
		reached := doc.Find("[data-testid=goal-reached]")
		if got := squash(reached); got != want.reached {
			t.Errorf("%s: %q, want %q", path, got, want.reached)
		}
		if got := reached.Find("time").AttrOr("datetime", ""); got != want.datetime {
			t.Errorf("%s: time datetime %q, want %q", path, got, want.datetime)
		}
		bar := doc.Find("progress[data-testid=goal-bar]")
		if bar.AttrOr("value", "") != "2" || bar.AttrOr("max", "") != "2" || bar.AttrOr("aria-labelledby", "") != "signatory-count goal-reached" {
			t.Errorf("%s: bar value %q max %q labelled by %q", path, bar.AttrOr("value", ""), bar.AttrOr("max", ""), bar.AttrOr("aria-labelledby", ""))
		}
	}
	// Hidden, the second no longer counts: the goal was reached by the third.
	if _, err := s.pool.Exec(context.Background(), `UPDATE signatories SET status = 'hidden' WHERE id = $1`, second); err != nil {
		t.Fatal(err)
	}
	if got := squash(parse(t, s.get(t, "/call-to-action")).Find("[data-testid=goal-reached]")); got != "The goal of 2 organisations was reached on 10 May 2024." {
		t.Errorf("after hiding the second: %q", got)
	}

	setGoal(t, s.pool, 0)
	for _, path := range []string{"/call-to-action", "/es/call-to-action"} {
		doc := parse(t, s.get(t, path))
		if n := doc.Find("progress, [data-testid=goal-bar], [data-testid=goal-reached]").Length(); n != 0 {
			t.Errorf("%s without a goal: %d goal elements", path, n)
		}
	}
	if got := squash(parse(t, s.get(t, "/call-to-action")).Find("[data-testid=signatory-count]")); got != "2 organisations have signed." {
		t.Errorf("without a goal, the count reads %q", got)
	}
}

// TestCallToActionBreaksDownItsSignatoriesByCountryAndType: the countries
// with the most signatories first (ties A to Z in the page's language),
// ten of them and then the others together; those who gave no country,
// unlinked; every type. Each link leads to the list filtered to the same
// number of signatories.
func TestCallToActionBreaksDownItsSignatoriesByCountryAndType(t *testing.T) {
	s := goalSite(t, 0)
	day := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	// Kenya 3, Peru 2, then thirteen countries with one each (DE, ES...),
	// and one without a country.
	s.approveOn(t, "K1", "KE", "ngo", day)
	s.approveOn(t, "K2", "KE", "ngo", day)
	s.approveOn(t, "K3", "KE", "government", day)
	s.approveOn(t, "P1", "PE", "academic", day)
	s.approveOn(t, "P2", "PE", "ngo", day)
	singles := []string{"DE", "ES", "FR", "GH", "IN", "JP", "MX", "NG", "SE", "UG", "US", "ZA", "ZM"}
	for i, c := range singles {
		s.approveOn(t, fmt.Sprintf("Single %02d", i), c, "network", day)
	}
	s.approveOn(t, "Nowhere", "", "other", day)
	s.addSignatory(t, "Not Yet", "", "BR", "ngo", false, store.StatusAwaitingReview)

	doc := parse(t, s.get(t, "/call-to-action"))
	var countries []string
	doc.Find("[data-testid=breakdown-countries-list] > li").Each(func(_ int, li *goquery.Selection) {
		countries = append(countries, squash(li))
	})
	want := []string{"Kenya 3 organisations", "Peru 2 organisations",
		"France 1 organisation", "Germany 1 organisation", "Ghana 1 organisation", "India 1 organisation", "Japan 1 organisation",
		"Mexico 1 organisation", "Nigeria 1 organisation", "South Africa 1 organisation",
		"5 other countries 5 organisations", "Country not given 1 organisation"}
	if strings.Join(countries, " | ") != strings.Join(want, " | ") {
		t.Errorf("countries:\n%q\nwant\n%q", countries, want)
	}
	if got := squash(doc.Find("#breakdown-countries ~ p.meta")); !strings.Contains(got, "10 countries") {
		t.Errorf("the breakdown does not say it names ten countries: %q", got)
	}
	var types []string
	doc.Find("[data-testid=breakdown-types-list] > li").Each(func(_ int, li *goquery.Selection) {
		types = append(types, squash(li))
	})
	wantTypes := []string{"Network or association 13 organisations", "Non-governmental organisation 3 organisations",
		"Academic or research institution 1 organisation", "Government 1 organisation", "Other 1 organisation"}
	if strings.Join(types, " | ") != strings.Join(wantTypes, " | ") {
		t.Errorf("types:\n%q\nwant\n%q", types, wantTypes)
	}
	if n := doc.Find("[data-testid=breakdown-countries-list] > li").Last().Find("a").Length(); n != 0 {
		t.Error("\"Country not given\" links somewhere, though the list cannot filter by it")
	}

	// Every link leads to the list filtered to as many signatories.
	for _, path := range []string{"/call-to-action", "/es/call-to-action"} {
		doc := parse(t, s.get(t, path))
		prefix := strings.TrimSuffix(path, "/call-to-action")
		links := doc.Find("[data-testid=breakdown-entry] a")
		if links.Length() != 11+5 {
			t.Errorf("%s: %d breakdown links, want 16", path, links.Length())
		}
		links.Each(func(_ int, a *goquery.Selection) {
			href := a.AttrOr("href", "")
			u, err := url.Parse(href)
			if err != nil || u.Path != prefix+"/call-to-action/signatories" {
				t.Errorf("%s: link %q", path, href)
				return
			}
			res := s.get(t, href)
			if res.StatusCode != http.StatusOK {
				t.Errorf("%s: %s: %s", path, href, res.Status)
				return
			}
			if u.RawQuery == "" {
				return // the other countries together: the whole list, to filter further
			}
			list := parse(t, res)
			entry := squash(a.Parent().Find(".breakdown-count"))
			if n := list.Find("[data-testid=signatory]").Length(); !strings.HasPrefix(entry, fmt.Sprint(n)+" ") {
				t.Errorf("%s: %s lists %d signatories, the breakdown says %q", path, href, n, entry)
			}
		})
	}
	es := parse(t, s.get(t, "/es/call-to-action"))
	if got := squash(es.Find("[data-testid=breakdown-countries-list] > li").First()); got != "Kenia 3 organizaciones" {
		t.Errorf("Spanish first country %q", got)
	}
	if got := squash(es.Find("[data-testid=breakdown-types-list] > li").First()); got != "Red o asociación 13 organizaciones" {
		t.Errorf("Spanish first type %q", got)
	}

	// Eleven countries are all named: "1 other country" would hide one
	// name for nothing.
	if _, err := s.pool.Exec(context.Background(), `DELETE FROM signatories WHERE country IN ('US', 'ZA', 'ZM', 'UG')`); err != nil {
		t.Fatal(err)
	}
	doc = parse(t, s.get(t, "/call-to-action"))
	if n := doc.Find("[data-testid=breakdown-countries-list] > li").Length(); n != 12 { // 11 countries and the one without
		t.Errorf("eleven countries: %d entries, want 12", n)
	}
	if strings.Contains(doc.Find("[data-testid=breakdown-countries-list]").Text(), "other countr") || doc.Find("#breakdown-countries ~ p.meta").Length() != 0 {
		t.Error("eleven countries are grouped")
	}

	// Nobody signed: no breakdown.
	clearSignatories(t, s.pool)
	if n := parse(t, s.get(t, "/call-to-action")).Find("#breakdown-heading, [data-testid=breakdown-entry]").Length(); n != 0 {
		t.Errorf("no signatories, yet %d breakdown elements", n)
	}
}

// TestBrowserCallToActionGoalAndBreakdown: with a goal of 50 and three
// signatories, at 390 and 1280 px, in both languages, the page is axe
// clean, its words read "3 of 50", the bar is named by them, nothing
// overflows the screen, and the country breakdown's link (followed by
// keyboard) opens the filtered list.
func TestBrowserCallToActionGoalAndBreakdown(t *testing.T) {
	s := goalSite(t, 50)
	day := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	s.approveOn(t, "Kenyan Network", "KE", "network", day)
	s.approveOn(t, "Kenyan Ministry", "KE", "government", day)
	s.approveOn(t, "Peruvian University", "PE", "academic", day)
	srv := httptest.NewServer(s.h)
	defer srv.Close()
	b := newBrowser(t, srv.URL)
	count := chromedp.CSS(`[data-testid=signatory-count]`)
	for _, width := range []int64{1280, 390} {
		b.do(chromedp.EmulateViewport(width, 900))
		for path, want := range map[string]string{"/call-to-action": "3 of 50 organisations have signed.", "/es/call-to-action": "3 de 50 organizaciones lo han firmado."} {
			b.do(chromedp.Navigate(srv.URL+path), chromedp.WaitVisible(count))
			if got := strings.Join(strings.Fields(value(b, chromedp.Text(count))), " "); got != want {
				t.Errorf("%s at %d px: %q, want %q", path, width, got, want)
			}
			// The bar's accessible name, as Chromium computes it.
			name := value(b, chromedp.Evaluate[string](`(() => {
				const bar = document.querySelector('progress[data-testid=goal-bar]');
				return bar.getAttribute('aria-labelledby').split(' ').map(id => document.getElementById(id).textContent).join(' ').replace(/\s+/g, ' ').trim();
			})()`))
			if name != want {
				t.Errorf("%s at %d px: the bar is named %q", path, width, name)
			}
			if w := value(b, chromedp.Evaluate[int64](`document.documentElement.scrollWidth`)); w > width {
				t.Errorf("%s at %d px: the page is %d px wide", path, width, w)
			}
			if n := value(b, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid=breakdown-countries-list] a').length`)); n != 2 {
				t.Errorf("%s at %d px: %d country links, want 2", path, width, n)
			}
			b.do(chromedp.ScrollIntoView(chromedp.CSS(`[data-testid=breakdown-types-list]`)))
			b.screenshot(fmt.Sprintf("call-to-action-goal-%s-%d", strings.Trim(strings.ReplaceAll(path, "/", "-"), "-"), width))
			b.checkAxe(fmt.Sprintf("%s at %d px", path, width))
			b.checkClean()
		}
	}

	// The first country, by keyboard: its link opens the list of its two.
	b.do(chromedp.EmulateViewport(1280, 900), chromedp.Navigate(srv.URL+"/call-to-action"), chromedp.WaitVisible(count),
		chromedp.Focus(chromedp.CSS(`[data-testid=breakdown-countries-list] a`)))
	if got := value(b, chromedp.Evaluate[string](`document.activeElement.textContent`)); got != "Kenya" {
		t.Errorf("focused %q, want the Kenya link", got)
	}
	b.do(chromedp.KeyEvent("\r"), chromedp.WaitVisible(chromedp.CSS(`[data-testid=signatories]`)))
	if loc := value(b, chromedp.Location()); loc != srv.URL+"/call-to-action/signatories?country=KE" {
		t.Errorf("the Kenya link opened %s", loc)
	}
	if n := value(b, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid=signatory]').length`)); n != 2 {
		t.Errorf("the list of Kenya's signatories has %d, want 2", n)
	}
	b.checkClean()
}

// TestCallToActionGoalPagesAreValidHTML holds the Call to Action page to
// html-validate in each state of its goal and breakdown, and the goal's
// editor with a goal refused.
func TestCallToActionGoalPagesAreValidHTML(t *testing.T) {
	s := goalSite(t, 3)
	pages := newValidPages(t)
	page := func(name string) {
		t.Helper()
		for _, path := range []string{"/call-to-action", "/es/call-to-action"} {
			pages.addResponse(name+strings.ReplaceAll(path, "/", "-"), s.get(t, path), http.StatusOK)
		}
	}
	page("goal-none-signed")
	day := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	for i, c := range []string{"KE", "KE", "PE", "DE", "ES", "FR", "GH", "IN", "JP", "MX", "NG", "SE", "UG", ""} {
		s.approveOn(t, fmt.Sprintf("Org %02d", i), c, store.OrgTypes[i%len(store.OrgTypes)], day.AddDate(0, 0, i))
	}
	page("goal-reached")
	setGoal(t, s.pool, 50)
	page("goal-ahead")
	setGoal(t, s.pool, 0)
	page("no-goal")

	staff := newStaffSite(t)
	form := staff.editForm(t, staff.admin, goalEditPath)
	form.Set("goal", "0")
	form.Set("action", "publish")
	pages.addResponse("editor-refused", postForm(t, staff.admin, staff.srv.URL+goalEditPath, form), http.StatusUnprocessableEntity)
	pages.addResponse("editor", staff.get(t, staff.admin, goalEditPath), http.StatusOK)
	pages.validate()
}
