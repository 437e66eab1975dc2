package web

import (
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

func TestTmpTiming(t *testing.T) {
	app, _ := seededApp(t)
	srv := httptest.NewServer(app.Routes())
	defer srv.Close()
	paths := allPagePaths(t, app)[:40]
	script := `axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}}).then(r => r.violations.length)`
	// variant A: preload
	b := newBrowser(t, srv.URL)
	if _, err := chromedp.Call(b.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: b.axe}); err != nil {
		t.Fatal(err)
	}
	s := time.Now()
	for _, p := range paths {
		b.do(chromedp.Navigate(srv.URL + p))
		value(b, chromedp.Evaluate[int](script, chromedp.EvalAwaitPromise))
	}
	t.Logf("preload: %s", time.Since(s))
	// variant B: two browsers, inject
	b1, b2 := newBrowser(t, srv.URL), newBrowser(t, srv.URL)
	s = time.Now()
	var wg sync.WaitGroup
	for i, bb := range []*browser{b1, b2} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j, p := range paths {
				if j%2 != i {
					continue
				}
				if err := chromedp.Do(bb.ctx, chromedp.Navigate(srv.URL+p)); err != nil {
					t.Error(err)
				}
				if _, err := chromedp.Run(bb.ctx, chromedp.Evaluate[any](bb.axe)); err != nil {
					t.Error(err)
				}
				if _, err := chromedp.Run(bb.ctx, chromedp.Evaluate[int](script, chromedp.EvalAwaitPromise)); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	t.Logf("two browsers: %s", time.Since(s))
	s = time.Now()
	for _, p := range paths {
		b1.do(chromedp.Navigate(srv.URL + p))
		value(b1, chromedp.Evaluate[any](b.axe))
		value(b1, chromedp.Evaluate[int](script, chromedp.EvalAwaitPromise))
	}
	t.Logf("sequential: %s", time.Since(s))
}
