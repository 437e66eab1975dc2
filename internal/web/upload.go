package web

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"runtime"
	"strings"
)

// publicTextLimit bounds what a public form with a file may send besides
// the file: its text fields, and every part's headers. The sign form's
// longest fields come to a few KB.
const publicTextLimit = 64 << 10

// UploadsInFlight is how many public uploads may be read and processed at
// once. Each holds its file (up to logo.MaxBytes) in memory from its first
// byte until it is decoded; an upload that finds every slot taken is
// answered 503 at once, rather than queued with its bytes held.
var UploadsInFlight = max(4, 2*runtime.GOMAXPROCS(0))

// errFormText is a public form whose text or part headers are over
// publicTextLimit.
var errFormText = errors.New("web: form text over the limit")

// publicUpload is a public form as read: its text, and the one file it may
// carry.
type publicUpload struct {
	values url.Values
	// data is the file, when it was read.
	data []byte
	// sent is set when a non-empty file came in the expected field, read
	// or not.
	sent bool
	// tooLarge is set when the file was over the limit (read to its end
	// and dropped).
	tooLarge bool
	// busy is set when every upload slot was taken: the file was dropped
	// unread.
	busy bool
	// release frees the upload slot the file holds; call it when the
	// file is no longer needed. It is never nil, and safe to call twice.
	release func()
}

// readPublicForm reads a public form that may carry one file, in field,
// of at most maxFile bytes, in memory bounded whatever is sent:
//
//   - the text fields and every part's headers together up to
//     publicTextLimit (more is refused, an error);
//   - the file in field, once, held in memory only while an upload slot
//     is free (a.uploads); otherwise dropped unread and busy set;
//   - any other file part, or a second one in field, read through and
//     dropped, never held.
//
// admit, if not nil, is asked when the file's part begins, with the
// fields read before it, whether the file is worth reading at all (the
// cheap checks: the form stamp, the rate limits); when it says no, the
// file is dropped unread. Whether it is asked depends on the order of
// the parts, which the sender chooses: the bounds above do not.
//
// A body too large even to drain a file over the limit is cut off; the
// error is then an *http.MaxBytesError, returned with the fields read
// before the cut.
func (a *Forms) readPublicForm(w http.ResponseWriter, r *http.Request, field string, maxFile int64, admit func(url.Values) bool) (publicUpload, error) {
	u := publicUpload{values: url.Values{}, release: func() {}}
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		r.Body = http.MaxBytesReader(w, r.Body, publicTextLimit)
		if err := r.ParseForm(); err != nil {
			return u, err
		}
		u.values = r.PostForm
		return u, nil
	}
	// Room for a file over the limit to be read through and refused
	// politely, rather than the connection cut mid-upload: reading
	// through costs no memory.
	body := &partBudget{r: http.MaxBytesReader(w, r.Body, 2*maxFile+publicTextLimit), left: publicTextLimit}
	r.Body = body
	mr, err := r.MultipartReader()
	if err != nil {
		return u, err
	}
	textBytes, seenFile := 0, false
	// drain reads the rest of a part through without keeping it, outside
	// the text budget.
	drain := func(part io.Reader) (int64, error) {
		body.free = true
		defer func() { body.free = false }()
		return io.Copy(io.Discard, part)
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return u, nil
		}
		if err != nil {
			return u, err
		}
		name := part.FormName()
		if part.FileName() == "" {
			b, err := io.ReadAll(io.LimitReader(part, int64(publicTextLimit-textBytes)+1))
			if err != nil {
				return u, err
			}
			// A field's name and each value's slot cost memory too.
			if textBytes += len(name) + len(b) + 16; textBytes > publicTextLimit {
				return u, errFormText
			}
			u.values.Add(name, string(b))
			continue
		}
		if name != field || seenFile {
			if _, err := drain(part); err != nil {
				return u, err
			}
			continue
		}
		seenFile = true
		if admit != nil && !admit(u.values) {
			n, err := drain(part)
			if err != nil {
				return u, err
			}
			u.sent = n > 0
			continue
		}
		select {
		case a.uploads <- struct{}{}:
		default:
			n, err := drain(part)
			if err != nil {
				return u, err
			}
			u.sent, u.busy = n > 0, n > 0
			continue
		}
		held := true
		u.release = func() {
			if held {
				held = false
				<-a.uploads
			}
		}
		body.free = true
		data, err := readFile(part, maxFile, r.ContentLength)
		body.free = false
		switch {
		case errors.Is(err, ErrFileTooLarge):
			u.release()
			u.sent, u.tooLarge = true, true
			if _, err := drain(part); err != nil {
				return u, err
			}
		case err != nil:
			u.release()
			return u, err
		case len(data) == 0:
			u.release()
		default:
			u.sent, u.data = true, data
		}
	}
}

// readFile reads a file part of at most max bytes into one buffer of the
// size it can have: no larger than the whole request (contentLength, when
// the client sent it), so a small logo costs a small buffer, and never
// grown by doubling, so a large one costs its size once.
func readFile(part io.Reader, max, contentLength int64) ([]byte, error) {
	size := max + 1
	if contentLength > 0 && contentLength < size {
		size = contentLength
	}
	buf := make([]byte, size)
	n, err := io.ReadFull(part, buf)
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		return buf[:n], nil
	case err != nil:
		return nil, err
	case int64(n) > max:
		return nil, ErrFileTooLarge
	}
	// Filled exactly: the file is no larger if nothing follows.
	var one [1]byte
	if m, _ := part.Read(one[:]); m > 0 {
		return nil, ErrFileTooLarge
	}
	return buf, nil
}

// partBudget is a request body that counts what is read of it against a
// budget, except while free is set: the multipart reader keeps a part's
// headers in memory, so those must be counted, while a file read into a
// slot's buffer, or drained, is bounded elsewhere.
type partBudget struct {
	r    io.ReadCloser
	left int
	free bool
}

func (b *partBudget) Read(p []byte) (int, error) {
	if b.free {
		return b.r.Read(p)
	}
	if b.left <= 0 {
		return 0, errFormText
	}
	if len(p) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.left -= n
	return n, err
}

func (b *partBudget) Close() error { return b.r.Close() }

// ErrFileTooLarge is a file past the size its form allows.
var ErrFileTooLarge = errors.New("file too large")
