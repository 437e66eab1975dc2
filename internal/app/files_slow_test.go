package app

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// TestSlowDownloadOutlastsTheServersWriteTimeout: the server cuts every
// answer at its WriteTimeout (60 s in web.Serve), which ended every 50 MB
// download slower than about 830 KB/s; a file gets the time it needs.
// Here the timeout is one second and the client takes about three.
func TestSlowDownloadOutlastsTheServersWriteTimeout(t *testing.T) {
	app, pool := seededApp(t)
	data := bytes.Repeat([]byte("0123456789abcdef"), 16<<20/16) // 16 MiB: far more than the socket buffers hold
	id := publishTestFile(t, app, pool, "slow.pdf", data)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: app.Handler(), WriteTimeout: time.Second}
	go srv.Serve(ln)
	defer srv.Close()

	// A small receive buffer, so the server's writes wait on the reader.
	dialer := &net.Dialer{Control: func(_, _ string, c syscall.RawConn) error {
		return c.Control(func(fd uintptr) { _ = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 64<<10) })
	}}
	hc := &http.Client{Transport: &http.Transport{DialContext: dialer.DialContext, DisableCompression: true}}
	res, err := hc.Get("http://" + ln.Addr().String() + "/files/" + strconv.FormatInt(id, 10) + "/slow.pdf")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	start := time.Now()
	var got []byte
	buf := make([]byte, 256<<10)
	for {
		n, err := res.Body.Read(buf)
		got = append(got, buf[:n]...)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("download cut after %v and %d of %d bytes: %v", time.Since(start), len(got), len(data), err)
		}
		time.Sleep(10 * time.Millisecond) // a few MB/s: seconds for the file
	}
	if !bytes.Equal(got, data) {
		t.Fatalf("got %d bytes, want the file's %d", len(got), len(data))
	}
	if took := time.Since(start); took < 2*time.Second {
		t.Fatalf("the client read the file in %v: the test did not outlast the timeout", took)
	}
}
