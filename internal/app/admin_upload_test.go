package app

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/sswalliance/advocacy/internal/web"
)

// TestStaffUploadsWaitForASlotAndAreToldWhenNoneFrees: uploads are held in
// memory while they are checked and stored, so only web.StaffUploadsInFlight
// are handled at once; one that finds every slot taken for
// staffUploadWait gets 503 with Retry-After, and takes no slot from the
// ones after it. Forms without a file never wait.
func TestStaffUploadsWaitForASlotAndAreToldWhenNoneFrees(t *testing.T) {
	app, pool := seededApp(t)
	app.site.StaffUploadWait = 200 * time.Millisecond
	srv := httptest.NewServer(app.Handler())
	defer srv.Close()
	c := signIn(t, srv.URL, "editor@example.org", addStaff(t, pool, "editor@example.org", "editor"))

	upload := func() *http.Response {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		_ = mw.WriteField("version", "0")
		fw, _ := mw.CreateFormFile("file", "report.pdf")
		_, _ = fw.Write([]byte("%PDF-1.4\n% a small report\n"))
		_ = mw.Close()
		res, err := c.Post(srv.URL+"/admin/content/resource-file/new", mw.FormDataContentType(), &body)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { res.Body.Close() })
		return res
	}

	// Every slot taken (as by uploads still being stored).
	for range web.StaffUploadsInFlight {
		app.site.StaffUploads() <- struct{}{}
	}
	start := time.Now()
	res := upload()
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" {
		t.Fatalf("upload with every slot taken: %s, Retry-After %q; want 503 with one", res.Status, res.Header.Get("Retry-After"))
	}
	if took := time.Since(start); took < app.site.StaffUploadWait {
		t.Errorf("refused after %v, before waiting %v for a slot", took, app.site.StaffUploadWait)
	}
	// A form without a file is not held.
	if res, err := c.Get(srv.URL + "/admin/content/resource"); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("the editor's form while uploads are busy: %v %v", res, err)
	}

	// A slot frees: the next upload is handled (its form comes back or
	// is saved; it is not refused as busy), and gives its slot back.
	<-app.site.StaffUploads()
	if res := upload(); res.StatusCode == http.StatusServiceUnavailable {
		t.Fatalf("upload with a slot free: %s", res.Status)
	}
	if n := len(app.site.StaffUploads()); n != web.StaffUploadsInFlight-1 {
		t.Errorf("%d slots taken after the upload, want the %d still held", n, web.StaffUploadsInFlight-1)
	}
}
