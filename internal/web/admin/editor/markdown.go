package editor

import (
	"io"
	"net/http"

	"github.com/sswalliance/advocacy/internal/i18n"
)

// MarkdownPreview renders Markdown exactly as public pages do, for the
// editor's live preview.
func (a *Handlers) MarkdownPreview(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, formLimit)
	src, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, "too large", http.StatusRequestEntityTooLarge)
		return nil
	}
	html, err := a.MarkdownHTML(r.Context(), i18n.EN, string(src))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, err = io.WriteString(w, html)
	return err
}
