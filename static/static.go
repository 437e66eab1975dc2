// Package static embeds the site's CSS, images and scripts and serves each
// under a URL that contains a hash of its content, so browsers may cache it
// forever and a changed file always gets a new URL.
package static

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"sort"
	"strings"
	"time"
)

//go:embed css img admin js
var files embed.FS

// Prefix is where static files are mounted.
const Prefix = "/static/"

type asset struct {
	data        []byte
	etag        string
	contentType string
}

var (
	byURL  = map[string]*asset{} // "/static/css/site.0123abcd.css" -> asset
	byName = map[string]string{} // "css/site.css" -> "/static/css/site.0123abcd.css"
)

func init() {
	err := fs.WalkDir(files, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Dir(name) == "css" {
			return err
		}
		data, err := files.ReadFile(name)
		if err != nil {
			return err
		}
		add(name, data)
		return nil
	})
	if err == nil {
		err = bundleCSS()
	}
	if err != nil {
		panic(fmt.Sprintf("static: %v", err))
	}
}

// bundleCSS serves every stylesheet in css/ as one file, css/site.css:
// site.css first (the base), then the others (one per part of the site) in
// name order. One request, one cache entry.
func bundleCSS() error {
	names, err := fs.Glob(files, "css/*.css")
	if err != nil {
		return err
	}
	sort.Slice(names, func(i, j int) bool {
		if (names[i] == "css/site.css") != (names[j] == "css/site.css") {
			return names[i] == "css/site.css"
		}
		return names[i] < names[j]
	})
	var buf bytes.Buffer
	for _, name := range names {
		data, err := files.ReadFile(name)
		if err != nil {
			return err
		}
		buf.Write(data)
		buf.WriteByte('\n')
	}
	add("css/site.css", buf.Bytes())
	return nil
}

// add registers a file under its hashed URL.
func add(name string, data []byte) {
	sum := sha256.Sum256(data)
	full := hex.EncodeToString(sum[:])
	ext := path.Ext(name)
	url := Prefix + strings.TrimSuffix(name, ext) + "." + full[:16] + ext
	ctype := mime.TypeByExtension(ext)
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	byURL[url] = &asset{data: data, etag: `"` + full[:32] + `"`, contentType: ctype}
	byName[name] = url
}

// Path returns the content-hashed URL of the named file ("css/site.css").
// It panics on an unknown name: that is a typo in a template, caught by any
// test that renders it.
func Path(name string) string {
	url, ok := byName[name]
	if !ok {
		panic("static: no file " + name)
	}
	return url
}

// Handler serves the files under their hashed URLs, with immutable caching,
// an ETag, and range support. Any other path under Prefix is not found.
func Handler(notFound http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, ok := byURL[r.URL.Path]
		if !ok {
			notFound.ServeHTTP(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Type", a.contentType)
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
		h.Set("ETag", a.etag)
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(a.data))
	})
}
