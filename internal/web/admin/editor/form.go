package editor

import (
	"bytes"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"

	"github.com/sswalliance/advocacy/internal/form"
	"github.com/sswalliance/advocacy/internal/upload"
	"github.com/sswalliance/advocacy/internal/web"
)

// formLimit bounds everything but uploaded files in one form.
const formLimit = 2 << 20

// readForm reads a submitted edit form. Uploaded files are returned by
// field name; one over upload.MaxSize is not kept, and its field gets a
// problem instead, with the rest of the form still read so nothing typed
// is lost (file inputs come last in the form).
func readForm(w http.ResponseWriter, r *http.Request) (url.Values, map[string]uploaded, form.Problems, error) {
	values, files, tooLarge, err := readMultipartForm(w, r, upload.MaxSize)
	if err != nil {
		return nil, nil, nil, err
	}
	problems := form.Problems{}
	for _, name := range tooLarge {
		problems[name] = "The file is larger than 50 MB. Make it smaller (for example, export a compressed PDF) and upload it again."
	}
	return values, files, problems, nil
}

// readMultipartForm reads a form, streaming a multipart body: text fields
// up to formLimit in all, and files up to maxFile each. A file over
// maxFile is read to its end and dropped, and its field named in
// tooLarge, so the visitor gets a message rather than a cut connection.
// A body too large even for that is cut off; the error is then an
// *http.MaxBytesError, returned with the text fields read before the cut.
func readMultipartForm(w http.ResponseWriter, r *http.Request, maxFile int64) (form url.Values, files map[string]uploaded, tooLarge []string, err error) {
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		r.Body = http.MaxBytesReader(w, r.Body, formLimit)
		if err := r.ParseForm(); err != nil {
			return nil, nil, nil, err
		}
		return r.PostForm, nil, nil, nil
	}
	// Room for one file over the limit to be read and refused politely,
	// rather than the connection cut mid-upload.
	r.Body = http.MaxBytesReader(w, r.Body, 2*maxFile+formLimit)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, nil, nil, err
	}
	form = url.Values{}
	files = map[string]uploaded{}
	textBytes := 0
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return form, nil, nil, err
		}
		if err != nil {
			return nil, nil, nil, err
		}
		name := part.FormName()
		if part.FileName() == "" {
			b, err := io.ReadAll(io.LimitReader(part, formLimit-int64(textBytes)+1))
			if err != nil {
				return nil, nil, nil, err
			}
			if textBytes += len(b); textBytes > formLimit {
				return nil, nil, nil, errors.New("form too large")
			}
			form.Add(name, string(b))
			continue
		}
		data, err := readUpload(part, maxFile, r.ContentLength)
		var cut *http.MaxBytesError
		switch {
		case errors.As(err, &cut):
			return form, nil, nil, err
		case errors.Is(err, web.ErrFileTooLarge):
			tooLarge = append(tooLarge, name)
		case err != nil:
			return nil, nil, nil, err
		case len(data) > 0:
			files[name] = uploaded{name: part.FileName(), data: data}
		}
	}
	return form, files, tooLarge, nil
}

type uploaded struct {
	name string
	data []byte
}

func readUpload(part *multipart.Part, max, bodySize int64) ([]byte, error) {
	// One buffer of the size the body announces (at most max+1), not one
	// that doubles as it fills: a 50 MB file then takes 50 MB, not 128.
	var buf bytes.Buffer
	if bodySize > 0 {
		buf.Grow(int(min(bodySize, max+1)))
	}
	_, err := buf.ReadFrom(io.LimitReader(part, max+1))
	if err != nil {
		return nil, err
	}
	data := buf.Bytes()
	if int64(len(data)) > max {
		_, err := io.Copy(io.Discard, part) // read the rest, to answer on an intact connection
		if err != nil {
			return nil, err
		}
		return nil, web.ErrFileTooLarge
	}
	return data, nil
}
